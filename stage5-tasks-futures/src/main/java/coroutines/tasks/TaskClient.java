package coroutines.tasks;

import coroutines.generators.Generator;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 5, the article's section 3.2; this class is its {@code __main__}. Each host's request is a
 * coroutine that reads like stage 1 ({@link HttpRequest#request()}). A {@link Task} runs it, one
 * step per future it waits for. The {@link EventLoop} ends those futures when a socket is ready.
 * Read {@link Future}, {@link Task}, {@link HttpRequest}, then {@link EventLoop}.
 */
public final class TaskClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        List<Generator<Future<?>, Object, byte[]>> coroutines = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            // The article's Task(HttpRequest("so1n.me").request()), and so on: each runs up to its first wait.
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
                new Task<>(coroutine).addDoneCallback(task -> {
                    if (task.failure() == null) {
                        run.answered(target, task.result());
                    } else {
                        run.failed(target, task.failure()); // why it failed, or the cancellation it ended with
                    }
                });
            }
            // The article's: while running_cnt > 0: for key, mask in selector.select(): key.data()
            loop.runWhileRunning();
        } finally {
            for (Generator<Future<?>, Object, byte[]> coroutine : coroutines) {
                coroutine.close(); // only if the loop failed: its try (sock) closes the socket, no body stays parked
            }
        }
    }
}
