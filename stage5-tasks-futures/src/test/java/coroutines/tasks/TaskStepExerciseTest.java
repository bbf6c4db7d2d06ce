package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import coroutines.generators.Generator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 5.3: {@code Task.step}, the article's {@code step}: resume the coroutine with how the
 * future it waited for ended, then hang the next step on the next future it yields. The test's
 * thread plays the event loop: it ends the futures. The coroutines here yield their futures with
 * a plain {@code yield}, so that only the Task is under test; and where a cancellation is asked
 * for, they ask with {@code requestCancellation()}, the half of {@code cancel()} that step
 * answers (cancel itself is exercise 5.4).
 *
 * <p>The tests check that a step sends in a result and raises a failure or a cancellation where
 * the coroutine waits; that the task finishes, once, with what the coroutine returns or raises,
 * and ends cancelled when a cancellation comes out of it; that it waits for each future the
 * coroutine yields and for nothing else; that a cancellation asked for is raised at the wait
 * where the coroutine is, or at its next one if it asked while running; and that while the
 * coroutine runs the task says so.
 */
@Tag("exercise")
@Tag("exercise-5.3")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TaskStepExerciseTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Records every time {@code task} ends; a task ends exactly once. */
    private <R> List<String> endingsOf(Task<R> task) {
        List<String> endings = Collections.synchronizedList(new ArrayList<>());
        task.addDoneCallback(done -> endings.add(done.state().toString()));
        return endings;
    }

    @Test
    void the_coroutine_runs_to_its_first_wait_at_once_and_goes_on_only_when_the_future_ends() {
        Future<String> reply = new Future<>();

        Task<String> task = new Task<>(Generator.of("waits once", yielder -> {
            log.add("started");
            String got = (String) yielder.yield(reply);
            log.add("resumed with " + got);
            return got.toUpperCase();
        }));

        assertThat(log).as("what the coroutine did once the Task was made: it runs up to its first yield").containsExactly("started");
        assertThat(task.isDone()).as("the task is done before the future it waits for has ended").isFalse();
        reply.setResult("hello");
        assertThat(log).as("what the coroutine did once the future had its result: the result is what its yield returns")
                .containsExactly("started", "resumed with hello");
        assertThat(task.result()).as("the task's result: what the coroutine returned").isEqualTo("HELLO");
    }

    @Test
    void waits_for_each_future_the_coroutine_yields_in_turn() {
        Future<String> first = new Future<>();
        Future<String> second = new Future<>();

        Task<String> task = new Task<>(Generator.of("waits twice", yielder ->
                yielder.yield(first) + " " + yielder.yield(second)));
        first.setResult("one");
        assertThat(task.isDone()).as("the task is done after its first wait, with a second one to go").isFalse();
        second.setResult("two");

        assertThat(task.isDone()).as("the task is done once the coroutine's second future has ended").isTrue();
        assertThat(task.result()).as("the task's result").isEqualTo("one two");
    }

    @Test
    void a_future_that_has_already_ended_when_yielded_resumes_the_coroutine_at_once() {
        Future<String> ready = new Future<>();
        ready.setResult("already there");

        Task<String> task = new Task<>(Generator.of("waits for a done future", yielder -> "got " + yielder.yield(ready)));

        assertThat(task.result()).as("the task's result").isEqualTo("got already there");
    }

    @Test
    void a_failed_future_raises_that_very_exception_in_the_coroutine_where_it_waits() {
        Future<String> reply = new Future<>();
        IOException reset = new IOException("connection reset");
        AtomicReference<Throwable> caught = new AtomicReference<>();

        Task<String> task = new Task<>(Generator.of("catches", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (Exception e) { // the IOException comes through yield undeclared, as Python raises it
                caught.set(e);
                return "caught it";
            }
        }));
        reply.setException(reset);

        assertThat(caught.get()).as("what the coroutine caught at its yield when the future failed: the future's own exception")
                .isSameAs(reset);
        assertThat(task.result()).as("the task's result: the coroutine caught the failure and returned").isEqualTo("caught it");
    }

    @Test
    void what_the_coroutine_returns_finishes_the_task_once() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(Generator.of("returns", yielder -> "returned " + yielder.yield(reply)));
        List<String> endings = endingsOf(task);

        reply.setResult("x");

        assertThat(task.state()).as("the task's state once its coroutine returned").isEqualTo(Future.State.FINISHED);
        assertThat(task.result()).as("the task's result").isEqualTo("returned x");
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("FINISHED");
    }

    @Test
    void what_the_coroutine_raises_is_what_the_task_finishes_with_unwrapped_once() {
        Future<String> reply = new Future<>();
        IllegalStateException bug = new IllegalStateException("a bug after the wait");
        Task<String> task = new Task<>(Generator.of("raises", yielder -> {
            yielder.yield(reply);
            throw bug;
        }));
        List<String> endings = endingsOf(task);

        reply.setResult("ok");

        assertThat(task.state()).as("the task's state once its coroutine raised").isEqualTo(Future.State.FINISHED);
        assertThat(task.exception()).as("the task's exception: the very one the coroutine raised").isSameAs(bug);
        assertThatThrownBy(task::result).as("what the task's result() raises").isSameAs(bug);
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("FINISHED");
    }

    @Test
    void a_failure_the_coroutine_does_not_catch_becomes_the_tasks_own() {
        Future<String> reply = new Future<>();
        IOException reset = new IOException("connection reset");
        Task<String> task = new Task<>(Generator.of("lets it out", yielder -> (String) yielder.yield(reply)));

        reply.setException(reset);

        assertThat(task.exception()).as("the task's exception: the future's failure, which the coroutine let out").isSameAs(reset);
    }

    @Test
    void a_cancelled_future_raises_a_cancellation_where_the_coroutine_waits_and_the_task_ends_cancelled_once() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(Generator.of("lets the cancellation out", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (CancellationException e) {
                log.add("the coroutine saw a CancellationException");
                throw e;
            } finally {
                log.add("finally ran");
            }
        }));
        List<String> endings = endingsOf(task);

        reply.cancel();

        assertThat(log).as("what the coroutine saw when the future it waited for was cancelled")
                .containsExactly("the coroutine saw a CancellationException", "finally ran");
        assertThat(task.isCancelled()).as("the task is cancelled: a CancellationException came out of its coroutine").isTrue();
        assertThat(task.state()).as("the task's state").isEqualTo(Future.State.CANCELLED);
        assertThat(catchThrowable(task::result)).as("what the task's result() raises").isInstanceOf(CancellationException.class);
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("CANCELLED");
    }

    @Test
    void a_coroutine_that_catches_a_cancellation_goes_on_and_the_task_finishes_as_it_chooses() {
        Future<String> cancelled = new Future<>();
        Future<String> next = new Future<>();
        Task<String> task = new Task<>(Generator.of("goes on", yielder -> {
            try {
                return (String) yielder.yield(cancelled);
            } catch (CancellationException e) {
                return "went on with " + yielder.yield(next);
            }
        }));

        cancelled.cancel();
        assertThat(task.isDone()).as("the task is done while the coroutine, having caught the cancellation, waits again").isFalse();
        next.setResult("the next one");

        assertThat(task.isCancelled()).as("the task is cancelled, though its coroutine caught the cancellation").isFalse();
        assertThat(task.result()).as("the task's result").isEqualTo("went on with the next one");
    }

    @Test
    void a_cancellation_asked_for_while_it_waits_is_raised_there_by_the_next_step() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(Generator.of("waits", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (CancellationException e) {
                log.add("the coroutine saw a CancellationException");
                throw e;
            }
        }));
        List<String> endings = endingsOf(task);

        task.requestCancellation(); // what cancel() does first; cancel() then steps at once (exercise 5.4)
        reply.setResult("not wanted any more");

        assertThat(log).as("what the coroutine saw at its yield: the step must raise the cancellation asked for,"
                + " not send the future's result").containsExactly("the coroutine saw a CancellationException");
        assertThat(task.isCancelled()).as("the task is cancelled").isTrue();
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("CANCELLED");
        assertThat(reply.result()).as("the future's own result, which the cancellation leaves alone").isEqualTo("not wanted any more");
    }

    @Test
    void a_cancellation_asked_for_while_the_coroutine_runs_is_raised_at_its_next_yield_and_that_wait_is_over() {
        Future<String> first = new Future<>();
        Future<String> second = new Future<>();
        Future<String> third = new Future<>();
        AtomicReference<Task<String>> self = new AtomicReference<>();
        self.set(new Task<>(Generator.of("asks to be cancelled", yielder -> {
            yielder.yield(first);
            self.get().requestCancellation(); // a cancel() from inside its own coroutine
            log.add("asked");
            try {
                log.add("second gave " + yielder.yield(second));
            } catch (CancellationException e) {
                log.add("cancelled at the second wait");
            }
            return "third gave " + yielder.yield(third);
        })));
        Task<String> task = self.get();

        first.setResult("go");

        assertThat(log).as("what the coroutine did: a cancellation asked for while it ran must be raised at the yield"
                + " it reaches next, at once, not when that future ends").containsExactly("asked", "cancelled at the second wait");
        assertThat(task.isDone()).as("the task is done, while its coroutine (which caught the cancellation) waits for a third future").isFalse();

        second.setResult("too late");
        assertThat(log).as("what the coroutine did when the second future ended: the task no longer waits for it,"
                + " so its end must not resume the coroutine").containsExactly("asked", "cancelled at the second wait");
        assertThat(task.isDone()).as("the task is done before the third future has ended").isFalse();

        third.setResult("three");
        assertThat(task.result()).as("the task's result: the cancellation was raised once, then the coroutine went on")
                .isEqualTo("third gave three");
    }

    @Test
    void while_its_coroutine_runs_the_task_says_so() {
        Future<String> reply = new Future<>();
        AtomicReference<Task<String>> self = new AtomicReference<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        self.set(new Task<>(Generator.of("looks at its task", yielder -> {
            yielder.yield(reply);
            seen.add(self.get().toString());
            return "done";
        })));

        reply.setResult("go");

        // toString says "running" while stepping is true: cancel() looks at it, to leave a running coroutine alone.
        assertThat(seen).as("the task, as its own coroutine saw it while running (stepping must be true during the step)")
                .singleElement().asString().contains("running");
        assertThat(self.get().toString()).as("the task once its coroutine has returned").doesNotContain("running");
    }

    @Test
    void a_coroutine_that_yields_null_ends_its_task_with_an_error_once() {
        Task<Void> task = new Task<>(Generator.of("yielding null", yielder -> {
            yielder.yield(null);
            return null;
        }));
        List<String> endings = endingsOf(task);

        assertThat(task.isDone()).as("the task is done: a coroutine that yields null has nothing to wait for").isTrue();
        assertThat(task.isCancelled()).as("the task is cancelled").isFalse();
        assertThat(task.exception()).as("the task's exception: an error saying what went wrong").isNotNull();
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("FINISHED");
    }

    @Test
    void another_coroutine_can_wait_for_the_task_as_for_any_future() {
        Future<String> reply = new Future<>();
        Task<String> inner = new Task<>(Generator.of("inner", yielder -> "inner got " + yielder.yield(reply)));

        Task<String> outer = new Task<>(Generator.of("outer", yielder -> "outer saw: " + yielder.yield(inner)));
        reply.setResult("x");

        assertThat(outer.result()).as("the outer task's result").isEqualTo("outer saw: inner got x");
    }

    @Test
    void a_task_started_on_a_future_that_ends_later_starts_its_coroutine_only_then() {
        Future<Void> start = new Future<>();

        Task<String> task = new Task<>(Generator.of("starts", yielder -> {
            log.add("started");
            return "ran";
        }), start);
        assertThat(log).as("what the coroutine did before its start future ended").isEmpty();
        start.setResult(null); // what a Task sends first must be null: it starts the coroutine

        assertThat(task.isDone()).as("the task is done once its start future has ended").isTrue();
        assertThat(task.result()).as("the task's result").isEqualTo("ran");
    }
}
