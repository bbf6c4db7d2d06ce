package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the article's code is wrong, what this stage does instead: one test per item of the
 * README's errata, each named after what the Java does, with the article's line in a comment.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArticleErrataTest {

    /** {@code return (yield from f)} */
    private static Generator<Future<?>, Object, String> waitingFor(Future<String> f) {
        return Generator.of("waiting", yielder -> yielder.yieldFrom(f.untilDone()));
    }

    @Test
    void set_exception_runs_the_callbacks_so_a_task_waiting_on_the_future_ends_with_the_exception() {
        // The article's set_exception sets the status and returns: no "for fn in self._callbacks".
        Future<String> f = new Future<>();
        Task<String> task = new Task<>(waitingFor(f));

        f.setException(new IOException("connection reset"));

        assertThat(task.isDone()).as("the task was woken").isTrue();
        assertThatThrownBy(task::result)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void cancel_ends_the_task_cancelled_instead_of_raising_into_the_caller() {
        // The article's Task.cancel is self.coro.throw(CancelledError): the error comes back out of
        // cancel(), and the task's "cancelled" flag is never set, because step() never runs.
        Task<String> task = new Task<>(waitingFor(new Future<>()));

        boolean cancelled = task.cancel();

        assertThat(cancelled).isTrue();
        assertThat(task.isCancelled()).isTrue();
        assertThatThrownBy(task::result).isInstanceOf(CancellationException.class);
    }

    @Test
    void the_socket_is_non_blocking_where_the_article_writes_setblocking_Flase() throws IOException {
        // sock.setblocking(Flase) raises NameError in Python; Java would not compile it, and a
        // blocking channel could not be registered with a selector at all.
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(10));
            try (EventLoop loop = new EventLoop(run)) {
                HttpRequest request = new HttpRequest(run.targets().get(0), run, loop);
                Task<byte[]> task = new Task<>(request.request());

                // Its first step registered the socket with the selector, which a blocking socket
                // cannot be (IllegalBlockingModeException): so it waits, not failed.
                assertThat(task.isDone()).as("waits for the connect on the selector").isFalse();
                assertThat(task.cancel()).as("cancelled where it waits for the connect; its socket closes").isTrue();
            }
        }
    }

    @Test
    void result_before_the_end_says_the_result_is_not_ready() {
        // The article raises RuntimeError("Result is not read").
        assertThatThrownBy(new Future<String>()::result)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the result is not ready");
    }

    @Test
    void a_callback_added_after_the_future_has_ended_still_runs() {
        // The article's add_done_callback only appends: a future that has already ended never
        // looks at its list again, so a Task that waits for it would wait forever.
        Future<String> f = new Future<>();
        f.setResult("ok");
        List<String> calls = new ArrayList<>();

        f.addDoneCallback(done -> calls.add("ran with " + done.result()));

        assertThat(calls).containsExactly("ran with ok");
    }

    @Test
    void cancel_raises_at_once_at_the_yield_where_the_coroutine_waits_not_at_its_next_call() {
        // The article: throw "会在下一处yield抛出异常" (raises at the next yield), so a cancel waits
        // for the coroutine's next call; its own traceback points at the paused "yield i" instead.
        List<String> seen = new ArrayList<>();
        Future<String> waitedFor = new Future<>();
        Task<String> task = new Task<>(Generator.of("waiting", yielder -> {
            try {
                String result = yielder.yieldFrom(waitedFor.untilDone());
                seen.add("went on past the yield with " + result);
                return result;
            } finally {
                seen.add("finally ran");
            }
        }));

        task.cancel();
        seen.add("cancel() returned");

        assertThat(seen).containsExactly("finally ran", "cancel() returned");
        assertThat(task.isCancelled()).isTrue();
    }
}
