package coroutines.tasks;

import coroutines.generators.Generator;
import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
import coroutines.testbed.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    public static final Stage STAGE = new Stage("stage5-tasks-futures",
            "coroutines wait for futures; tasks resume them; one selector loop",
            "Stage 5: each request is a coroutine run by a Task; it waits for Futures that a selector loop ends.",
            new TaskClient());

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        List<HttpRequest> requests = new ArrayList<>();
        List<Generator<Future<?>, Object, byte[]>> coroutines = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run.timeout())) {
            // The article's Task(HttpRequest("so1n.me").request()), and so on: each runs its
            // coroutine up to the first thing it waits for, and returns.
            for (Target target : targets) {
                HttpRequest request;
                try {
                    request = new HttpRequest(target, run, loop);
                } catch (IOException e) {
                    run.failed(target.host(), e); // the connect could not even start: nothing to wait for
                    continue;
                }
                requests.add(request);
                Generator<Future<?>, Object, byte[]> coroutine = request.request();
                coroutines.add(coroutine);
                // A Task is a Future of what its coroutine returns: its done callback reports the host.
                new Task<>(coroutine).addDoneCallback(task -> report(target.host(), task, run));
            }
            // The article's: while running_cnt > 0: for key, mask in selector.select(): key.data()
            loop.runWhileRunning();
        } finally {
            for (Generator<Future<?>, Object, byte[]> coroutine : coroutines) {
                coroutine.close(); // only if the loop itself failed: no body stays parked on its thread
            }
            for (HttpRequest request : requests) {
                // The bodies ran on threads of their own: their CPU is the client's too.
                run.addClientCpu(request.cpuTime());
            }
        }
    }

    /** How a request's Task ended: its coroutine's return value is the response; its exception, why it failed. */
    private static void report(String host, Future<byte[]> task, Run run) {
        if (task.exception() == null) {
            run.answered(host, task.result());
        } else {
            run.failed(host, task.exception());
        }
    }
}
