package coroutines.virtualthreads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU time of the carrier threads that run virtual threads, for the summary line. Not part
 * of the lesson: the JDK reports no CPU time for a virtual thread itself (-1), so the time is
 * read from its carriers, the platform threads of the JDK's scheduler, named
 * {@code ForkJoinPool-N-worker-M}. Carriers are kept alive between runs, so a snapshot before
 * and after gives the time this run used.
 */
final class CarrierCpu {

    private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");

    private final Map<Long, Long> before;

    private CarrierCpu(Map<Long, Long> before) {
        this.before = before;
    }

    static CarrierCpu measure() {
        return new CarrierCpu(snapshot());
    }

    /** CPU used by carriers since {@link #measure()}, counting carriers started since from zero. */
    Duration elapsed() {
        long nanos = 0;
        for (var carrier : snapshot().entrySet()) {
            nanos += carrier.getValue() - before.getOrDefault(carrier.getKey(), 0L);
        }
        return Duration.ofNanos(Math.max(0, nanos));
    }

    private static Map<Long, Long> snapshot() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info != null && CARRIER.matcher(info.getThreadName()).matches()) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
