package coroutines.scale;

/**
 * What one run of one program at N requests gave. Wall time and client CPU are the program's own
 * summary line; process CPU is the line it prints after it (every thread of its process over the
 * same span, a JVM's JIT and GC threads too; -1 if it printed none); total CPU is its process's from
 * start to exit, the runtime's own start included; threads and RSS are the process's peaks as /proc
 * showed them while it ran; the hosts' CPU is what the hosts process used from the client's start
 * to its end (user + system); the load is how busy the machine was meanwhile.
 *
 * @param failure why the run did not answer every request byte for byte; null if it did
 * @param notRun  why the benchmark did not start it at all (then failure is null); null if it ran
 */
record Measurement(int requests, long wallMillis, long cpuMillis, long processCpuMillis, long totalCpuMillis,
                   int answered, int exact, int peakThreads, long peakRssKb, long hostsCpuMillis, String failure,
                   String notRun, MachineLoad.Load load) {

    boolean ok() {
        return failure == null && notRun == null;
    }

    /** A failure while other processes took a share of the cores: the machine's, not (only) the program's. */
    boolean disturbed() {
        return failure != null && load.disturbed();
    }

    static Measurement notRun(int requests, String why) {
        return new Measurement(requests, -1, -1, -1, -1, 0, 0, 0, 0, -1, null, why,
                MachineLoad.Load.unknown(Runtime.getRuntime().availableProcessors()));
    }
}
