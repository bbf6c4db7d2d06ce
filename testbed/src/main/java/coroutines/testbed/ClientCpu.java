package coroutines.testbed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's estimate of the CPU its client used, so that no stage has to measure itself. It is
 * made from what {@link ThreadMXBean} can see, in three parts:
 *
 * <ul>
 *   <li>every live platform thread's CPU time is read before and after the client runs, and the
 *       difference counts (a thread started during the run counts from zero). Carriers of virtual
 *       threads are platform threads, so a virtual thread's work is counted on them, by no name;</li>
 *   <li>a thread that ended during the run is gone by the second reading: it counts with the CPU
 *       time it had at the last event it recorded (each event samples its thread's time, except
 *       on the thread that started the client, which is read at the end);</li>
 *   <li>the local hosts' own threads are left out ({@link LocalHosts} says which they are).</li>
 * </ul>
 *
 * It is an estimate: the JVM's JIT compiler and garbage collector threads are not visible to
 * {@code ThreadMXBean} and are not counted; other threads of the same JVM that happen to work
 * during the run (JShell's, Maven's) are; and a thread that ended counts only up to its last event.
 * The scale benchmark measures the whole process's CPU beside it, for what a cold JVM spends compiling.
 */
final class ClientCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Thread id to CPU nanoseconds when the client started.
    private final Map<Long, Long> atStart;
    // Thread id to CPU nanoseconds at that thread's last recorded event.
    private final Map<Long, Long> atLastEvent = new ConcurrentHashMap<>();
    private volatile boolean measuring;
    // The thread that started the client: alive when the run stops, so its events need no sample.
    private volatile Thread starter;

    private ClientCpu(Map<Long, Long> atStart) {
        this.atStart = atStart;
    }

    /** An estimate that counts nothing until {@link #start()}. */
    static ClientCpu notStarted() {
        return new ClientCpu(new HashMap<>());
    }

    void start() {
        atStart.clear();
        atStart.putAll(snapshot());
        atLastEvent.clear();
        starter = Thread.currentThread();
        measuring = true;
    }

    /**
     * Called on the thread that records an event; a virtual thread has no CPU time of its own (-1).
     * The thread that started the client is skipped: it is read at the end anyway, and reading a
     * thread's CPU time is a system call, which at every event of a one-thread loop would be a
     * measurable part of what is measured.
     */
    void sampleCurrentThread() {
        if (!measuring || Thread.currentThread() == starter) {
            return;
        }
        long nanos = currentThreadCpuNanos();
        if (nanos >= 0) {
            atLastEvent.put(Thread.currentThread().getId(), nanos);
        }
    }

    /** The CPU the client used since {@link #start()}, as estimated above. */
    Duration stop() {
        measuring = false;
        Map<Long, Long> atEnd = snapshot();
        Map<Long, Long> last = new HashMap<>(atLastEvent);
        last.putAll(atEnd); // a live thread's reading now is newer than its last event's
        long nanos = 0;
        for (var thread : last.entrySet()) {
            if (!LocalHosts.isHostThread(thread.getKey())) {
                nanos += Math.max(0, thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L));
            }
        }
        return Duration.ofNanos(nanos);
    }

    private long currentThreadCpuNanos() {
        try {
            return threads.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
            return -1; // some JDKs refuse rather than answer -1 for a virtual thread
        }
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0 && !LocalHosts.isHostThread(id)) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
