package coroutines.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the machine was while one program ran: the load average, and the CPU that processes
 * other than the benchmark's own used. A run that fails on a busy machine is then reported as
 * disturbed by load, not as the program's failure. Read from Linux's /proc; unknown elsewhere.
 */
final class MachineLoad {

    // Linux's USER_HZ, the unit of /proc/stat and /proc/PID/stat: 100 on every common build.
    private static final long MILLIS_PER_TICK = 10;

    private MachineLoad() {
    }

    /**
     * The load around one run.
     *
     * @param loadAverage     the 1-minute load average, the higher of before and after the run; -1 if unknown
     * @param cores           the cores this JVM may use
     * @param othersCpuMillis CPU used during the run by every process but the client, the hosts and the
     *                        benchmark (time the hypervisor gave other guests included); -1 if unknown
     * @param spanMillis      how long the run took, from its process's start to its end
     */
    record Load(double loadAverage, int cores, long othersCpuMillis, long spanMillis) {

        static Load unknown(int cores) {
            return new Load(-1, cores, -1, 0);
        }

        /**
         * True when others took a quarter of the cores' time or more during the run. The load
         * average alone would count the client's own threads (10,000 platform threads raise it
         * too), so it decides only where the others' CPU is unknown.
         */
        boolean disturbed() {
            if (othersCpuMillis >= 0 && spanMillis > 0) {
                return othersCpuMillis * 4 >= spanMillis * cores;
            }
            return loadAverage > cores;
        }

        /** The figures in words, e.g. "load average 5.20 on 2 cores; other processes used 1,830 ms of CPU in this 1,500 ms run". */
        String describe() {
            String average = loadAverage < 0 ? "load average unknown" : String.format(Locale.ROOT, "load average %.2f", loadAverage);
            String others = othersCpuMillis < 0 ? "other processes' CPU unknown"
                    : String.format(Locale.ROOT, "other processes used %,d ms of CPU in this %,d ms run", othersCpuMillis, spanMillis);
            return average + " on " + cores + (cores == 1 ? " core; " : " cores; ") + others;
        }
    }

    /** What /proc said at one moment; a figure is -1 where it could not be read. */
    record Sample(long nanos, double loadAverage, long busyMillis, long selfMillis) {
    }

    /** The load average now, in words, for the line the benchmark prints before it starts. */
    static String now(int cores) {
        double average = loadAverage();
        return (average < 0 ? "load average unknown (no /proc/loadavg)" : String.format(Locale.ROOT, "load average %.2f", average))
                + " on " + cores + (cores == 1 ? " core" : " cores");
    }

    static Sample sample() {
        return new Sample(System.nanoTime(), loadAverage(), busyMillis(), selfMillis());
    }

    /**
     * The load between two samples, given the CPU the hosts process used meanwhile. The benchmark's
     * own CPU counts its reaped children, so the client, which ended before {@code after}, is in it.
     */
    static Load between(Sample before, Sample after, long hostsCpuMillis, int cores) {
        long span = (after.nanos() - before.nanos()) / 1_000_000;
        double average = before.loadAverage() < 0 || after.loadAverage() < 0 ? -1
                : Math.max(before.loadAverage(), after.loadAverage());
        long others = -1;
        if (before.busyMillis() >= 0 && after.busyMillis() >= 0 && before.selfMillis() >= 0 && after.selfMillis() >= 0
                && hostsCpuMillis >= 0) {
            long busy = after.busyMillis() - before.busyMillis();
            long ours = after.selfMillis() - before.selfMillis() + hostsCpuMillis;
            others = Math.max(0, busy - ours);
        }
        return new Load(average, cores, others, span);
    }

    /** The CPU of this process's reaped children so far (user + system), -1 where there is no /proc. */
    static long childrenCpuMillis() {
        String[] fields = selfStat();
        return fields == null ? -1 : (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * MILLIS_PER_TICK;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /** Every core's busy time since boot: all but idle and I/O wait (the first line of /proc/stat). */
    private static long busyMillis() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /** The benchmark's own CPU and its reaped children's (utime, stime, cutime, cstime). */
    private static long selfMillis() {
        String[] fields = selfStat();
        if (fields == null) {
            return -1;
        }
        long ticks = 0;
        for (int field = 11; field <= 14; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return ticks * MILLIS_PER_TICK;
    }

    /** The fields of /proc/self/stat after the command name (utime is [11]), or null where there is none. */
    private static String[] selfStat() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name is in parentheses and may hold spaces.
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }
}
