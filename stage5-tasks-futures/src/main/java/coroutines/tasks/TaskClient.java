package coroutines.tasks;

import coroutines.generators.Generator;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Stage 5, the article's section 3.2: Future, Task and HttpRequest. Each host's request is a
 * coroutine that reads like stage 1 ({@link HttpRequest#request()}); a {@link Task} runs it, one
 * step per future it waits for; the {@link EventLoop} ends those futures when the selector says a
 * socket is ready. The requests run together as in stage 3, and the code reads as in stage 1.
 *
 * <p>Read {@link Future}, then {@link Task}, then {@link HttpRequest}, then {@link EventLoop}; this
 * class is the article's {@code __main__}.
 */
public final class TaskClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        List<Generator<Future<?>, Object, byte[]>> coroutines = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            // The article's Task(HttpRequest("so1n.me").request()), and so on: each runs its
            // coroutine up to the first thing it waits for, and returns.
            for (Target target : targets) {
                HttpRequest request;
                try {
                    request = new HttpRequest(target, run, loop);
                } catch (IOException e) {
                    run.failed(target, e); // the connect could not even start: nothing to wait for
                    continue;
                }
                Generator<Future<?>, Object, byte[]> coroutine = request.request();
                coroutines.add(coroutine);
                // A Task is a Future of what its coroutine returns: its done callback reports the host.
                new Task<>(coroutine).addDoneCallback(task -> report(target, task, run));
            }
            // The article's: while running_cnt > 0: for key, mask in selector.select(): key.data()
            loop.runWhileRunning();
        } finally {
            for (Generator<Future<?>, Object, byte[]> coroutine : coroutines) {
                coroutine.close(); // only if the loop itself failed: no body stays parked on its thread
            }
        }
    }

    /**
     * How a request's Task ended: its coroutine's return value is the response; its exception, why
     * it failed (the run prints a bug's stack trace, down to this stage's requestAll).
     */
    private static void report(Target target, Future<byte[]> task, Run run) {
        if (task.isCancelled()) {
            // exception() would throw for a cancelled task; a cancelled request is a failed host, not a broken loop.
            run.failed(target, new CancellationException("the request's task was cancelled"));
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            run.answered(target, task.result());
        } else {
            run.failed(target, failure);
        }
    }
}
