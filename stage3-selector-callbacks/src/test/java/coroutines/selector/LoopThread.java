package coroutines.selector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a loop on a thread of its own, for a bounded time, and measures what the loop cost that
 * thread, as the operating system saw it: its CPU time, and how often the kernel put it to sleep
 * and woke it again (Linux's voluntary context switches). A loop that sleeps in {@code select()}
 * costs almost nothing while its hosts are silent; one that spins burns CPU, and one that sleeps a
 * millisecond at a time is woken a thousand times a second. Nothing the loop's own code counts
 * enters these figures.
 */
final class LoopThread {

    /** What the thread used while the loop ran: CPU, and sleeps the kernel ended (-1 where it cannot say). */
    record Cost(long cpuMillis, long wakeUps) {
    }

    /** What runs on the thread: the loop, or the whole client. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private static final Path OWN_STATUS = Path.of("/proc/thread-self/status");

    private LoopThread() {
    }

    /**
     * Runs {@code body} on a new thread and waits for it at most {@code bound}. If it is not back by
     * then, {@code unstick} runs (it closes what the loop waits on, so the thread can end) and the
     * test fails with {@code ifItHangs}. What {@code body} throws is thrown here.
     */
    static Cost run(Body body, Duration bound, Runnable unstick, String ifItHangs) throws Exception {
        CompletableFuture<Cost> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long sleepsBefore = voluntarySwitches();
            try {
                body.run();
                long sleepsAfter = voluntarySwitches();
                done.complete(new Cost((threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000,
                        sleepsBefore < 0 || sleepsAfter < 0 ? -1 : sleepsAfter - sleepsBefore));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "the-loop-under-test");
        thread.setDaemon(true); // a loop that never ends must not keep the test JVM alive
        thread.start();
        try {
            return done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            unstick.run();
            throw new AssertionError(ifItHangs + " (the test waited " + bound.toMillis() + " ms for it)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** The calling thread's voluntary context switches, from Linux's /proc; -1 elsewhere. */
    private static long voluntarySwitches() {
        try {
            for (String line : Files.readAllLines(OWN_STATUS)) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: the CPU time still judges a spinning loop
        }
    }
}
