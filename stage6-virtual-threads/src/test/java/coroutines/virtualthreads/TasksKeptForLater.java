package coroutines.virtualthreads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The executor that exercise 6.3's tests give {@code startEach} to see what it hands over: it
 * keeps every task it is given and runs none, until the test runs them ({@link #tasks()}). Code
 * that waits for a task it gave (a future's {@code get}, {@code invokeAll}, {@code close}) waits
 * until the test's own limit.
 */
final class TasksKeptForLater extends AbstractExecutorService {

    private final List<Runnable> tasks = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean shutdown;

    @Override
    public synchronized void execute(Runnable command) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("the executor was shut down");
        }
        tasks.add(command);
    }

    /** The tasks given so far, in the order given. */
    synchronized List<Runnable> tasks() {
        return new ArrayList<>(tasks);
    }

    /** The test's own clean-up: whoever waits for this executor stops waiting. */
    void release() {
        released.countDown();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return tasks();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && released.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return released.await(timeout, unit) && shutdown;
    }
}
