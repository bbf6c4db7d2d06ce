package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Future's life: pending, then once and for all finished (with a result or an exception) or
 * cancelled. Every way out of pending, and every way that is refused once it has ended.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FutureTest {

    private final Future<String> future = new Future<>();
    private final List<String> calls = new ArrayList<>();

    private void recordCalls() {
        future.addDoneCallback(done -> calls.add("first saw " + done.state()));
        future.addDoneCallback(done -> calls.add("second saw " + done.state()));
    }

    @Nested
    class while_pending {

        @Test
        void is_not_done_and_shows_it() {
            assertThat(future.state()).isEqualTo(Future.State.PENDING);
            assertThat(future.isDone()).isFalse();
            assertThat(future.isCancelled()).isFalse();
            assertThat(future).hasToString("<Future pending>");
        }

        @Test
        void has_no_result_yet_and_says_how_to_wait_for_one() {
            assertThatThrownBy(future::result)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the result is not ready")
                    .hasMessageContaining("yieldFrom(future.untilDone())");
        }

        @Test
        void has_no_exception_yet_either() {
            assertThatThrownBy(future::exception)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the exception is not ready");
        }

        @Test
        void keeps_its_callbacks_until_it_ends() {
            recordCalls();

            assertThat(calls).isEmpty();
        }
    }

    @Nested
    class pending_to_finished_with_a_result {

        @Test
        void gives_the_result_and_runs_each_callback_once_in_order() {
            recordCalls();

            future.setResult("ok");

            assertThat(future.result()).isEqualTo("ok");
            assertThat(future.exception()).isNull();
            assertThat(future.state()).isEqualTo(Future.State.FINISHED);
            assertThat(future).hasToString("<Future finished result=ok>");
            assertThat(calls).containsExactly("first saw FINISHED", "second saw FINISHED");
        }

        @Test
        void a_null_result_is_a_result() {
            future.setResult(null);

            assertThat(future.isDone()).isTrue();
            assertThat(future.result()).isNull();
        }
    }

    @Nested
    class pending_to_finished_with_an_exception {

        @Test
        void raises_that_same_exception_from_result_checked_ones_too() {
            IOException failure = new IOException("connection reset");
            recordCalls();

            future.setException(failure);

            assertThatThrownBy(future::result).isSameAs(failure)
                    .isInstanceOf(IOException.class).hasMessageContaining("connection reset");
            assertThat(future.exception()).isSameAs(failure);
            assertThat(future.state()).isEqualTo(Future.State.FINISHED);
            assertThat(calls).containsExactly("first saw FINISHED", "second saw FINISHED");
        }

        @Test
        void refuses_null_for_an_exception() {
            assertThatThrownBy(() -> future.setException(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("exception");
            assertThat(future.isDone()).isFalse();
        }
    }

    @Nested
    class pending_to_cancelled {

        @Test
        void says_yes_runs_the_callbacks_and_raises_the_cancellation_from_result() {
            recordCalls();

            assertThat(future.cancel()).isTrue();

            assertThat(future.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(future.isCancelled()).isTrue();
            assertThat(future).hasToString("<Future cancelled>");
            assertThat(calls).containsExactly("first saw CANCELLED", "second saw CANCELLED");
            assertThatThrownBy(future::result)
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("Future.cancel() was called");
            assertThatThrownBy(future::exception)
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("Future.cancel() was called");
        }

        @Test
        void the_cancellation_remembers_who_cancelled() {
            future.cancel();

            assertThatThrownBy(future::result)
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("Future.cancel() was called")
                    .satisfies(cancelled -> assertThat(cancelled.getStackTrace()).extracting(StackTraceElement::getMethodName)
                            .contains("the_cancellation_remembers_who_cancelled"));
        }
    }

    @Nested
    class once_ended {

        @Test
        void a_finished_future_refuses_a_second_result_an_exception_and_a_cancel() {
            future.setResult("first");

            assertThatThrownBy(() -> future.setResult("second"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot set the result of <Future finished result=first>")
                    .hasMessageContaining("a future ends only once");
            assertThatThrownBy(() -> future.setException(new IOException("late")))
                    .isInstanceOf(IllegalStateException.class); // its wording is exercise 5.2's to choose
            assertThat(future.cancel()).isFalse();
            assertThat(future.result()).isEqualTo("first");
        }

        @Test
        void a_cancelled_future_refuses_a_result_and_an_exception_and_a_second_cancel_changes_nothing() {
            future.cancel();

            assertThatThrownBy(() -> future.setResult("late"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot set the result of <Future cancelled>");
            assertThatThrownBy(() -> future.setException(new IOException("late")))
                    .isInstanceOf(IllegalStateException.class); // its wording is exercise 5.2's to choose
            assertThat(future.cancel()).isFalse();
            assertThat(future.isCancelled()).isTrue();
        }

        @Test
        void a_future_that_failed_cannot_be_cancelled_or_finished_again() {
            future.setException(new IOException("refused"));

            assertThat(future.cancel()).isFalse();
            assertThatThrownBy(() -> future.setResult("late"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot set the result of <Future finished exception=java.io.IOException: refused>");
        }

        @Test
        void a_callback_added_now_runs_at_once_on_the_callers_thread() {
            future.setResult("ok");
            List<Thread> ranOn = new ArrayList<>();

            future.addDoneCallback(done -> ranOn.add(Thread.currentThread()));

            assertThat(ranOn).containsExactly(Thread.currentThread());
        }
    }

    @Nested
    class when_a_callback_throws {

        @Test
        void the_other_callbacks_still_run_and_the_failure_reaches_whoever_ended_the_future() {
            future.addDoneCallback(done -> {
                throw new IllegalStateException("a broken callback");
            });
            future.addDoneCallback(done -> calls.add("the next one ran"));

            assertThatThrownBy(() -> future.setResult("ok"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a broken callback");
            assertThat(calls).containsExactly("the next one ran");
            assertThat(future.result()).isEqualTo("ok");
        }
    }

    @Nested
    class until_done_the_articles_iter {

        @Test
        void yields_the_pending_future_itself_then_returns_its_result() {
            Generator<Future<?>, Object, String> wait = future.untilDone();

            assertThat(wait.send(null)).isSameAs(future);
            future.setResult("ok");
            assertThatThrownBy(() -> wait.send("whatever the Task sends"))
                    .isInstanceOf(StopIteration.class)
                    .hasMessageContaining("ok");
        }

        @Test
        void does_not_yield_at_all_for_a_future_that_has_already_finished() {
            future.setResult("ok");

            assertThatThrownBy(() -> future.untilDone().send(null))
                    .isInstanceOf(StopIteration.class)
                    .hasMessageContaining("ok");
        }

        @Test
        void raises_the_exception_of_a_future_that_has_already_failed() {
            future.setException(new IOException("refused"));

            assertThatThrownBy(() -> future.untilDone().send(null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("refused");
        }

        @Test
        void raises_what_is_thrown_in_where_it_waits() {
            Generator<Future<?>, Object, String> wait = future.untilDone();
            wait.send(null);

            assertThatThrownBy(() -> wait.throwIn(new IOException("timed out")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("timed out");
            assertThat(wait.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void fills_in_a_thrown_in_cancellation_where_it_waits() {
            Generator<Future<?>, Object, String> wait = future.untilDone();
            wait.send(null);
            CancellationException cancellation = new CancellationException("made elsewhere");
            cancellation.setStackTrace(new StackTraceElement[0]);

            assertThatThrownBy(() -> wait.throwIn(cancellation))
                    .isSameAs(cancellation)
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("made elsewhere");
            assertThat(cancellation.getStackTrace()[0].getClassName()).isEqualTo(Future.class.getName() + "$UntilDone");
        }

        @Test
        void resumed_before_the_future_has_ended_says_the_result_is_not_ready() {
            Generator<Future<?>, Object, String> wait = future.untilDone();
            wait.send(null);

            assertThatThrownBy(() -> wait.send(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the result is not ready");
        }
    }
}
