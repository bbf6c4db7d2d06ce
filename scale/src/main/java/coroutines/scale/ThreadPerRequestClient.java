package coroutines.scale;

import coroutines.blocking.BlockingClient;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread-pool alternative the article's section 1 names and sets aside: stage 1's own request
 * code, unchanged, on one platform thread per request. Not a lesson: the benchmark's baseline for
 * "a thread costs a lot, and the OS limits how many a process may have".
 */
final class ThreadPerRequestClient implements Client {

    static final Stage STAGE = new Stage("stage1-threads", "stage 1's code, a platform thread per request",
            "The benchmark's baseline: stage 1's blocking request on one platform thread per request.",
            new ThreadPerRequestClient());

    @Override
    public void requestAll(List<Target> targets, Run run) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(targets.size());
        for (Target target : targets) {
            Thread thread = new Thread(() -> BlockingClient.requestAndReport(target, run), "request-" + threads.size());
            // The run counts each thread's CPU itself. A start past the OS's thread limit fails the run, as it should.
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
