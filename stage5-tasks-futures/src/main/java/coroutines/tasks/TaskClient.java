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

    /** The stage as the tour runs it: no coroutine fails on purpose. */
    public static final Stage STAGE = stage(new FailInCoroutineOption());

    private final FailInCoroutineOption failInCoroutine;

    TaskClient(FailInCoroutineOption failInCoroutine) {
        this.failInCoroutine = failInCoroutine;
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    /** The stage, with a client that reads the option once the command line has filled it in. */
    public static Stage stage(FailInCoroutineOption failInCoroutine) {
        return new Stage("stage5-tasks-futures", "coroutines wait on futures, tasks resume them",
                "Stage 5: each request is a coroutine run by a Task; it waits for Futures that a selector loop ends.",
                new TaskClient(failInCoroutine), List.of(failInCoroutine));
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
                    request = new HttpRequest(target, run, loop, failInCoroutine);
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
        if (task.isCancelled()) {
            // exception() would throw for a cancelled task; a cancelled request is a failed host, not a broken loop.
            run.failed(host, new CancellationException("the request's task was cancelled"));
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            run.answered(host, task.result());
            return;
        }
        run.failed(host, failure);
        if (!(failure instanceof IOException)) {
            // Not the network's doing but a bug: its stack trace is all there is to go on.
            printStackTrace(failure, run);
        }
    }

    /**
     * The exception and its frames, down to this stage's {@code requestAll}; what lies below it (the
     * testbed's run and the command line, or a test) is the same for every stage, and its length
     * depends on how the program was started, so it is only mentioned.
     */
    private static void printStackTrace(Throwable bug, Run run) {
        run.out().println(bug);
        for (StackTraceElement frame : bug.getStackTrace()) {
            run.out().println("\tat " + frame);
            if (frame.getClassName().equals(TaskClient.class.getName()) && frame.getMethodName().equals("requestAll")) {
                run.out().println("\t... and below requestAll: the testbed's Run.execute and whatever started the stage");
                return;
            }
        }
    }
}
