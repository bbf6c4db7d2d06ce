package coroutines.virtualthreads;

import coroutines.blocking.BlockingClient;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
import coroutines.testbed.Target;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stage 6 (JDK 21+), the article's closing NOTE seen from Java: stage 1's blocking request,
 * unchanged, on one virtual thread per request. A virtual thread that blocks in {@code read} is
 * a continuation put aside; the JDK's scheduler runs another one on the carrier thread, and its
 * poller (epoll, like stage 3's selector) wakes the right one when its socket is ready. The
 * three parts stages 3 to 5 built by hand are inside the JDK; the code reads like stage 1 and
 * runs like stage 5.
 *
 * <p>{@link BlockingClient#requestAndReport} is stage 1's own method, compiled here from stage 1's
 * source file (see this module's pom and README): not a copy, so it cannot drift.
 */
public final class VirtualThreadClient implements Client {

    public static final Stage STAGE = new Stage("stage6-virtual-threads", "stage 1's code, a virtual thread per host",
            "Stage 6 (JDK 21+): stage 1's blocking request, unchanged, on one virtual thread per host.",
            new VirtualThreadClient());

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    @Override
    public void requestAll(List<Target> targets, Run run) {
        // Named threads, so the event record says which request ran where.
        var virtualThreads = Thread.ofVirtual().name("virtual-", 1).factory();
        // close() at the end of the block waits for every task: no request outlives this method.
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtualThreads)) {
            for (Target target : targets) {
                // Stage 1's code: on a virtual thread, its blocking calls park the virtual thread, not a platform thread.
                executor.submit(() -> BlockingClient.requestAndReport(target, run));
            }
        }
    }
}
