package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.ContinuationGenerator;
import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Task runs a coroutine one step per future it waits for, and is itself a future of what the
 * coroutine returns or raises; cancelling it raises a cancellation where the coroutine waits.
 * Here the test's own thread plays the event loop: it ends the futures.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** {@code return (yield from f).toUpperCase()} */
    private static Generator<Future<?>, Object, String> shouting(Future<String> f) {
        return Generator.of("shouting", yielder -> yielder.yieldFrom(f.untilDone()).toUpperCase());
    }

    /** Waits for {@code f}, then raises, as a bug would. */
    private static Generator<Future<?>, Object, String> failingAfterTheWait(Future<String> f) {
        return Generator.of("failing", yielder -> {
            yielder.yieldFrom(f.untilDone());
            throw new IllegalStateException("a bug after the wait");
        });
    }

    /** {@code return (yield from sub)}: one more coroutine in the chain. */
    private static <R> Generator<Future<?>, Object, R> delegatingTo(Generator<Future<?>, Object, R> sub) {
        return Generator.of("delegating", yielder -> yielder.yieldFrom(sub));
    }

    /** Waits for {@code f}, logging where it gets to; its finally block always logs. */
    private Generator<Future<?>, Object, String> logging(Future<String> f) {
        return Generator.of("logging", yielder -> {
            log.add("started");
            try {
                String result = yielder.yieldFrom(f.untilDone());
                log.add("resumed with " + result);
                return result;
            } finally {
                log.add("finally ran");
            }
        });
    }

    /** The methods of the frames of a stack trace, as {@code Class.method}, innermost first. */
    private static List<String> frames(Throwable thrown) {
        return Arrays.stream(thrown.getStackTrace()).map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList();
    }

    /** Asserts that frames starting with each prefix come in this order (others may lie between). */
    private static void assertFramesInOrder(Throwable thrown, String... prefixes) {
        List<String> frames = frames(thrown);
        int at = 0;
        for (String prefix : prefixes) {
            while (at < frames.size() && !frames.get(at).startsWith(prefix)) {
                at++;
            }
            assertThat(at).as("a frame %s after the ones before it, in%n%s", prefix, String.join("\n", frames))
                    .isLessThan(frames.size());
            at++;
        }
    }

    @Nested
    class when_the_coroutine_returns {

        @Test
        void runs_the_coroutine_up_to_its_first_wait_at_once_as_the_article_does() {
            Future<String> f = new Future<>();

            Task<String> task = new Task<>(logging(f));

            assertThat(log).containsExactly("started");
            assertThat(task).hasToString("<Task pending wait_for=<Future pending>>");
        }

        @Test
        void the_task_finishes_with_the_return_value_and_runs_its_callbacks() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(shouting(f));
            task.addDoneCallback(done -> log.add("done: " + done.result()));

            f.setResult("ok");

            assertThat(task.result()).isEqualTo("OK");
            assertThat(task.state()).isEqualTo(Future.State.FINISHED);
            assertThat(task).hasToString("<Task finished result=OK>");
            assertThat(log).containsExactly("done: OK");
        }

        @Test
        void sends_each_futures_result_in_as_the_value_of_the_yield_and_waits_for_the_next() {
            Future<Integer> first = new Future<>();
            Future<Integer> second = new Future<>();
            Task<Integer> task = new Task<>(Generator.of("adding", yielder -> {
                int a = (Integer) yielder.yield(first); // the article's raw "yield f": the Task sends f's result in
                int b = (Integer) yielder.yield(second);
                return a + b;
            }));

            first.setResult(40);
            assertThat(task.isDone()).isFalse();
            second.setResult(2);

            assertThat(task.result()).isEqualTo(42);
        }

        @Test
        void a_coroutine_that_waits_for_a_future_that_has_already_finished_goes_straight_on() {
            Future<String> f = new Future<>();
            f.setResult("ready");

            Task<String> task = new Task<>(shouting(f));

            assertThat(task.result()).isEqualTo("READY");
        }
    }

    @Nested
    class when_the_coroutine_raises {

        @Test
        void the_task_finishes_with_that_exception_traced_through_every_coroutine_and_the_step() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(delegatingTo(failingAfterTheWait(f)));

            f.setResult("the answer");

            assertThat(task.state()).isEqualTo(Future.State.FINISHED);
            assertThatThrownBy(task::result)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a bug after the wait")
                    .satisfies(bug -> assertFramesInOrder(bug,
                            TaskTest.class.getName() + ".lambda$failingAfterTheWait$",
                            TaskTest.class.getName() + ".lambda$delegatingTo$",
                            Task.class.getName() + ".step",
                            Future.class.getName() + ".setResult",
                            getClass().getName() + ".the_task_finishes_with_that_exception_traced_through_every_coroutine_and_the_step"));
        }

        @Test
        void an_exception_the_future_ended_with_is_raised_where_the_coroutine_waits_and_can_be_caught() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(Generator.of("handling", yielder -> {
                try {
                    return yielder.yieldFrom(f.untilDone());
                } catch (Exception e) { // yieldFrom declares no checked exception, so Java lets no catch name one
                    if (!(e instanceof IOException)) {
                        throw e;
                    }
                    return "handled: " + e.getMessage();
                }
            }));

            f.setException(new IOException("connection reset"));

            assertThat(task.result()).isEqualTo("handled: connection reset");
        }

        @Test
        void an_exception_the_coroutine_does_not_catch_becomes_the_tasks_own() {
            Future<String> f = new Future<>();
            IOException reset = new IOException("connection reset");
            Task<String> task = new Task<>(shouting(f));

            f.setException(reset);

            assertThat(task.exception()).isSameAs(reset);
            assertThat(task).hasToString("<Task finished exception=java.io.IOException: connection reset>");
        }

        @Test
        void a_start_future_failing_with_stop_iteration_fails_the_task_instead_of_passing_for_its_return() {
            // PEP 479: thrown in before the first step, a StopIteration is an error, not the coroutine's end.
            Future<Void> start = new Future<>();
            Task<String> task = new Task<>(logging(new Future<>()), start);
            StopIteration stop = new StopIteration("from the start future");

            start.setException(stop);

            assertThat(log).as("the body never started").isEmpty();
            assertThat(task.state()).isEqualTo(Future.State.FINISHED);
            assertThat(task.exception())
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(StopIteration.class)
                    .hasMessage("generator raised StopIteration")
                    .hasCause(stop);
        }

        @Test
        void a_coroutine_that_yields_null_ends_its_task_with_an_error_that_says_what_to_yield() {
            Task<Void> task = new Task<>(Generator.of("yielding null", yielder -> {
                yielder.yield(null);
                return null;
            }));

            assertThat(task.isDone()).isTrue();
            assertThat(task.isCancelled()).isFalse();
            assertThat(task.exception()).isInstanceOf(RuntimeException.class); // its wording is exercise 5.3's to choose
        }

        @Test
        void nobody_else_can_set_a_tasks_result_or_exception() {
            Task<String> task = new Task<>(shouting(new Future<>()));

            assertThatThrownBy(() -> task.setResult("forged"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("a Task's result is what its coroutine returns");
            assertThatThrownBy(() -> task.setException(new IOException("forged")))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("to stop the coroutine, cancel() the task");
            assertThat(task.isDone()).isFalse();
        }
    }

    @Nested
    class cancel {

        @Test
        void before_the_first_step_the_body_never_runs_and_the_task_ends_cancelled() {
            Future<Void> start = new Future<>();
            Task<String> task = new Task<>(logging(new Future<>()), start);

            assertThat(task.cancel()).isTrue();
            start.setResult(null);

            assertThat(log).as("the body never started").isEmpty();
            assertThat(task.isCancelled()).isTrue();
            assertThatThrownBy(task::result).isInstanceOf(CancellationException.class);
        }

        @Test
        void while_waiting_raises_the_cancellation_where_it_waits_so_its_finally_runs_and_the_task_ends_cancelled() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(logging(f));

            assertThat(task.cancel()).isTrue();

            assertThat(task.isCancelled()).isTrue();
            assertThat(task).hasToString("<Task cancelled>");
            assertThat(log).containsExactly("started", "finally ran");
        }

        @Test
        void while_waiting_leaves_the_future_alone_for_others_and_is_not_woken_by_it_later() {
            Future<String> shared = new Future<>();
            Task<String> cancelled = new Task<>(logging(shared));
            Task<String> other = new Task<>(shouting(shared));

            cancelled.cancel();
            shared.setResult("ok");

            assertThat(shared.result()).isEqualTo("ok");
            assertThat(other.result()).isEqualTo("OK");
            assertThat(log).doesNotContain("resumed with ok");
        }

        @Test
        void while_waiting_gives_a_trace_from_the_wait_through_the_coroutine_to_the_cancel() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(delegatingTo(shouting(f)));

            task.cancel();

            assertThatThrownBy(task::result)
                    .isInstanceOf(CancellationException.class)
                    .satisfies(cancellation -> assertFramesInOrder(cancellation,
                            Future.class.getName() + "$UntilDone.resume",
                            TaskTest.class.getName() + ".lambda$shouting$",
                            TaskTest.class.getName() + ".lambda$delegatingTo$",
                            Task.class.getName() + ".cancel",
                            getClass().getName() + ".while_waiting_gives_a_trace_from_the_wait_through_the_coroutine_to_the_cancel"));
        }

        @Test
        void after_completion_says_no_and_changes_nothing() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(shouting(f));
            f.setResult("ok");

            assertThat(task.cancel()).isFalse();

            assertThat(task.isCancelled()).isFalse();
            assertThat(task.result()).isEqualTo("OK");
        }

        @Test
        void is_a_request_a_coroutine_that_catches_the_cancellation_finishes_as_it_chooses() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(Generator.of("stubborn", yielder -> {
                try {
                    return yielder.yieldFrom(f.untilDone());
                } catch (CancellationException e) {
                    return "cleaned up after: " + e.getMessage();
                }
            }));

            assertThat(task.cancel()).isTrue();

            assertThat(task.isCancelled()).isFalse();
            assertThat(task.result()).startsWith("cleaned up after: ");
        }

        @Test
        void from_inside_its_own_coroutine_takes_effect_at_its_next_wait() {
            Future<String> first = new Future<>();
            Future<String> second = new Future<>();
            AtomicReference<Task<String>> self = new AtomicReference<>();
            self.set(new Task<>(Generator.of("self-cancelling", yielder -> {
                yielder.yieldFrom(first.untilDone());
                log.add("cancel returned " + self.get().cancel());
                try {
                    return yielder.yieldFrom(second.untilDone());
                } catch (CancellationException e) {
                    log.add("cancelled at the second wait");
                    throw e;
                }
            })));

            first.setResult("go");

            assertThat(log).containsExactly("cancel returned true", "cancelled at the second wait");
            assertThat(self.get().isCancelled()).isTrue();
            assertThat(second.isDone()).isFalse();
        }

        @Test
        void the_future_it_waited_for_being_cancelled_cancels_the_task_with_that_as_the_cause() {
            Future<String> f = new Future<>();
            Task<String> task = new Task<>(shouting(f));

            f.cancel();

            assertThat(task.isCancelled()).isTrue();
            assertThatThrownBy(task::result)
                    .isInstanceOf(CancellationException.class)
                    .satisfies(cancellation -> assertThat(cancellation == f.failure() || cancellation.getCause() == f.failure())
                            .as("the task's cancellation is the future's own, or caused by it: %s", cancellation).isTrue());
        }
    }

    @Nested
    class a_task_waiting_on_another_task {

        @Test
        void gets_the_other_tasks_result_when_it_finishes() {
            Future<String> f = new Future<>();
            Task<String> inner = new Task<>(shouting(f));
            Task<String> outer = new Task<>(Generator.of("outer", yielder -> "outer got " + yielder.yieldFrom(inner.untilDone())));
            assertThat(outer).hasToString("<Task pending wait_for=<Task pending wait_for=<Future pending>>>");

            f.setResult("ok");

            assertThat(outer.result()).isEqualTo("outer got OK");
        }

        @Test
        void gets_the_other_tasks_exception_raised_where_it_waits() {
            Future<String> f = new Future<>();
            Task<String> inner = new Task<>(failingAfterTheWait(f));
            Task<String> outer = new Task<>(Generator.of("outer", yielder -> {
                try {
                    return yielder.yieldFrom(inner.untilDone());
                } catch (IllegalStateException e) {
                    return "outer caught: " + e.getMessage();
                }
            }));

            f.setResult("x");

            assertThat(outer.result()).isEqualTo("outer caught: a bug after the wait");
        }

        @Test
        void is_cancelled_when_the_task_it_waits_for_is_cancelled() {
            Task<String> inner = new Task<>(shouting(new Future<>()));
            Task<String> outer = new Task<>(delegatingTo(inner.untilDone()));

            inner.cancel();

            assertThat(outer.isCancelled()).isTrue();
            assertThatThrownBy(outer::result).isInstanceOf(CancellationException.class);
        }
    }

    @Nested
    class one_thread_at_a_time {

        @Test
        void the_body_runs_only_inside_a_step_that_waits_for_it_on_the_thread_that_ended_the_future() {
            Thread endingThread = Thread.currentThread();
            Future<String> first = new Future<>();
            Future<String> second = new Future<>();
            List<List<String>> endingThreadStacks = Collections.synchronizedList(new ArrayList<>());
            List<Thread> bodyThreads = Collections.synchronizedList(new ArrayList<>());
            Generator<Future<?>, Object, Void> coroutine = Generator.of("checking", yielder -> {
                for (Future<String> f : List.of(first, second)) {
                    yielder.yieldFrom(f.untilDone());
                    // The thread that ended f is still inside f.setResult, in the Task's step,
                    // waiting in send for this body to yield: it cannot be doing anything else.
                    endingThreadStacks.add(Arrays.stream(endingThread.getStackTrace())
                            .map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList());
                    bodyThreads.add(Thread.currentThread());
                }
                return null;
            });
            Task<Void> task = new Task<>(coroutine);

            first.setResult("1");
            second.setResult("2");

            assertThat(task.isDone()).isTrue();
            assertThat(endingThreadStacks).hasSize(2).allSatisfy(stack -> assertThat(stack).containsSubsequence(
                    Generator.class.getName() + ".send",
                    Task.class.getName() + ".step",
                    Future.class.getName() + ".setResult",
                    getClass().getName() + ".the_body_runs_only_inside_a_step_that_waits_for_it_on_the_thread_that_ended_the_future"));
            // A ContinuationGenerator's body runs inside that very send, on the ending thread; a
            // ThreadGenerator's on its own thread, while the ending thread waits for it.
            assertThat(bodyThreads).hasSize(2).allSatisfy(bodyThread -> assertThat(bodyThread == endingThread)
                    .as("the body ran on the thread that ended the future")
                    .isEqualTo(coroutine instanceof ContinuationGenerator));
        }

        @Test
        void each_step_returns_only_once_the_body_has_paused_again() {
            Future<String> first = new Future<>();
            Task<Void> task = new Task<>(Generator.of("story", yielder -> {
                log.add("body waits");
                yielder.yieldFrom(first.untilDone());
                log.add("body resumed and ends");
                return null;
            }));
            log.add("the Task constructor returned");

            first.setResult("go");
            log.add("setResult returned");

            assertThat(task.isDone()).isTrue();
            assertThat(log).containsExactly("body waits", "the Task constructor returned", "body resumed and ends",
                    "setResult returned");
        }
    }
}
