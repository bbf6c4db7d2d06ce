package coroutines.scale;

/**
 * What one run of one program at N requests gave. Wall time and client CPU are the program's own
 * summary line; process CPU is the line it prints after it (every thread of its process over the
 * same span, a JVM's JIT and GC threads too; -1 if it printed none); threads and RSS are the
 * process's peaks as /proc showed them while it ran; the hosts' CPU is what the hosts process used
 * from the client's start to its end (user + system).
 *
 * @param failure why the run did not answer every request byte for byte; null if it did
 */
record Measurement(int requests, long wallMillis, long cpuMillis, long processCpuMillis, int answered, int exact,
                   int peakThreads, long peakRssKb, long hostsCpuMillis, String failure) {

    boolean ok() {
        return failure == null;
    }

    static Measurement notRun(int requests, String why) {
        return new Measurement(requests, -1, -1, -1, 0, 0, 0, 0, -1, why);
    }
}
