package coroutines.virtualthreads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that exercise 6.2's tests give {@code waitForAll}: a real thread-per-task executor
 * of virtual threads, running the test's own tasks, each of which lasts {@link #TASK_MINUTES} minute
 * on a clock that only a wait moves. {@code awaitTermination(t)} for less than the tasks still need
 * adds {@code t} to the clock and comes back at once with {@code false}, as a real wait would after
 * {@code t}; a wait that reaches the tasks' end lets them end and waits for them for real. So a
 * short wait fails every time, without the test lasting a minute, and a wait without a limit
 * ({@code close()}, whose default waits a day at a time) passes at once. A loop that polls
 * {@code isTerminated()} never moves the clock, and waits forever.
 */
final class TasksThatOutlastShortWaits implements ExecutorService {

    static final long TASK_MINUTES = 1;

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("test-task-", 1).factory());
    private final CountDownLatch timeIsUp = new CountDownLatch(1);
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final List<String> waits = new ArrayList<>();
    private long waitedNanos;

    /** Starts {@code count} tasks that end when their minute is up, or when interrupted. */
    void startTasks(int count) {
        for (int i = 0; i < count; i++) {
            threads.execute(() -> {
                try {
                    timeIsUp.await();
                    ended.incrementAndGet();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            });
        }
    }

    int endedOnTheirOwn() {
        return ended.get();
    }

    int interrupted() {
        return interrupted.get();
    }

    /** What waitForAll asked of this executor, for a failure's message. */
    synchronized String waits() {
        return "what waitForAll called: " + (waits.isEmpty() ? "nothing that waits or shuts down" : String.join(", ", waits));
    }

    /** The test's own clean-up: the tasks end, the threads stop. */
    void endEverything() {
        timeIsUp.countDown();
        threads.shutdownNow();
    }

    private synchronized void called(String what) {
        if (waits.size() < 10) {
            waits.add(what);
        } else if (waits.size() == 10) {
            waits.add("...");
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        called("awaitTermination(" + timeout + ", " + unit + ")");
        long asked = unit.toNanos(timeout);
        boolean lastsLongEnough;
        synchronized (this) {
            waitedNanos = waitedNanos + asked < 0 ? Long.MAX_VALUE : waitedNanos + asked; // no overflow
            lastsLongEnough = waitedNanos >= TimeUnit.MINUTES.toNanos(TASK_MINUTES);
        }
        if (timeIsUp.getCount() > 0 && !lastsLongEnough) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return threads.isTerminated(); // this wait ran out before the tasks' minute was up
        }
        timeIsUp.countDown();
        return threads.awaitTermination(timeout, unit);
    }

    @Override
    public void shutdown() {
        called("shutdown()");
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        called("shutdownNow()");
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    // close() is ExecutorService's own: shutdown(), then awaitTermination(1, DAYS) until terminated.

    @Override
    public void execute(Runnable command) {
        threads.execute(command);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return threads.submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return threads.submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return threads.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return threads.invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return threads.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return threads.invokeAny(tasks, timeout, unit);
    }
}
