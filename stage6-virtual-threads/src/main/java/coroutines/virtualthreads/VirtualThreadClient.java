package coroutines.virtualthreads;

import coroutines.blocking.BlockingClient;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Stage 6 (JDK 21+), the article's closing NOTE seen from Java: stage 1's blocking request,
 * unchanged, on one virtual thread per request. The JDK does what stages 3 to 5 built by hand;
 * the README says how.
 *
 * <p>{@link BlockingClient#requestAndReport} is stage 1's own method, compiled here from stage 1's
 * source file (see this module's pom): not a copy, so it cannot drift.
 */
public final class VirtualThreadClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) {
        ExecutorService executor = Executors.newThreadPerTaskExecutor(virtualThreads());
        try {
            startEach(executor, targets, run);
        } finally {
            waitForAll(executor); // no request outlives this method
        }
    }

    /** Named threads, so the event record says which request ran where: virtual-1, virtual-2, ... */
    static ThreadFactory virtualThreads() {
        // BEGIN SOLUTION 6.1
        // STUB throw new UnsupportedOperationException("exercise 6.1 is not done yet: a factory of virtual threads named virtual-1, virtual-2, ...");
        return Thread.ofVirtual().name("virtual-", 1).factory();
        // END SOLUTION 6.1
    }

    /** Waits until every request the executor was given has ended, then shuts it down. */
    static void waitForAll(ExecutorService executor) {
        // BEGIN SOLUTION 6.2
        // STUB throw new UnsupportedOperationException("exercise 6.2 is not done yet: wait for every request, then shut the executor down");
        executor.close(); // waits for every task that was submitted
        // END SOLUTION 6.2
    }

    /** One thread per request, each running stage 1's code for its target; returns at once. */
    static void startEach(ExecutorService executor, List<Target> targets, Run run) {
        // BEGIN SOLUTION 6.3
        // STUB throw new UnsupportedOperationException("exercise 6.3 is not done yet: start stage 1's request for each target on a thread of its own");
        for (Target target : targets) {
            // Stage 1's code: on a virtual thread, its blocking calls park the virtual thread, not a platform thread.
            executor.submit(() -> BlockingClient.requestAndReport(target, run));
        }
        // END SOLUTION 6.3
    }
}
