package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coroutines.generators.Generator;
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
 * Exercise 5.4: {@link Task#cancel()}: a CancellationException raised in the coroutine where it
 * waits, so its {@code finally} blocks run. The article's version raises it into the caller of
 * {@code cancel} and leaves the task as it was.
 *
 * <p>The tests check that cancel returns true and the task ends cancelled at once, once, with the
 * coroutine's {@code finally} run; that the future it waited for is left alone (another task still
 * gets its result) and no longer wakes it; that a coroutine may catch the cancellation and go on;
 * that a cancel from inside the coroutine takes effect at its next wait; that a task not yet
 * started never runs its body; and that a task that has ended says no and stays as it was.
 */
@Tag("exercise")
@Tag("exercise-5.4")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TaskCancelExerciseTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private Generator<Future<?>, Object, String> waitingFor(Future<String> reply) {
        return Generator.of("waiting", yielder -> {
            try {
                String got = (String) yielder.yield(reply);
                log.add("resumed with " + got);
                return got;
            } catch (CancellationException e) {
                log.add("the coroutine saw a CancellationException");
                throw e;
            } finally {
                log.add("finally ran");
            }
        });
    }

    /** Records every time {@code task} ends; a task ends exactly once. */
    private static <R> List<String> endingsOf(Task<R> task) {
        List<String> endings = Collections.synchronizedList(new ArrayList<>());
        task.addDoneCallback(done -> endings.add(done.state().toString()));
        return endings;
    }

    @Test
    void raises_a_cancellation_where_the_coroutine_waits_and_the_task_ends_cancelled_at_once() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(waitingFor(reply));
        List<String> endings = endingsOf(task);

        Throwable thrown = catchThrowable(() -> log.add("cancel returned " + task.cancel()));

        assertThat(thrown).as("what cancel() threw to its caller: the cancellation belongs in the coroutine").isNull();
        assertThat(log).as("what the coroutine did: cancel() must raise the cancellation at its yield, now")
                .containsExactly("the coroutine saw a CancellationException", "finally ran", "cancel returned true");
        assertThat(task.isCancelled()).as("the task is cancelled").isTrue();
        assertThat(catchThrowable(task::result)).as("what the task's result() raises").isInstanceOf(CancellationException.class);
        assertThat(endings).as("how often the task ended (its done callbacks ran)").containsExactly("CANCELLED");
    }

    @Test
    void leaves_the_future_it_waited_for_alone_and_is_not_woken_by_it_later() {
        Future<String> shared = new Future<>();
        Task<String> cancelled = new Task<>(waitingFor(shared));
        Task<String> other = new Task<>(Generator.of("another waiter", yielder -> "other got " + yielder.yield(shared)));
        List<String> endings = endingsOf(cancelled);

        cancelled.cancel();
        assertThat(shared.isDone()).as("the future the cancelled task waited for has ended: other tasks may still want it").isFalse();
        shared.setResult("still wanted");

        assertThat(other.result()).as("the other task's result").isEqualTo("other got still wanted");
        assertThat(log).as("what the cancelled task's coroutine did: the future's end must not resume it")
                .doesNotContain("resumed with still wanted");
        assertThat(endings).as("how often the cancelled task ended").containsExactly("CANCELLED");
    }

    @Test
    void a_coroutine_may_catch_the_cancellation_and_go_on() {
        Future<String> reply = new Future<>();
        Future<String> afterwards = new Future<>();
        Task<String> task = new Task<>(Generator.of("stubborn", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (CancellationException e) {
                log.add("caught the cancellation");
                return "cleaned up, then got " + yielder.yield(afterwards);
            }
        }));

        assertThat(task.cancel()).as("what cancel() returned").isTrue();
        assertThat(log).as("what the coroutine did").containsExactly("caught the cancellation");
        assertThat(task.isDone()).as("the task is done, though its coroutine caught the cancellation and waits again").isFalse();
        afterwards.setResult("more");

        assertThat(task.isCancelled()).as("the task is cancelled, though its coroutine chose to go on").isFalse();
        assertThat(task.result()).as("the task's result").isEqualTo("cleaned up, then got more");
    }

    @Test
    void from_inside_its_own_coroutine_takes_effect_at_its_next_wait() {
        Future<String> first = new Future<>();
        Future<String> second = new Future<>();
        AtomicReference<Task<String>> self = new AtomicReference<>();
        self.set(new Task<>(Generator.of("self-cancelling", yielder -> {
            yielder.yield(first);
            log.add("cancel returned " + self.get().cancel());
            try {
                return (String) yielder.yield(second);
            } catch (CancellationException e) {
                log.add("cancelled at the second wait");
                throw e;
            }
        })));
        List<String> endings = endingsOf(self.get());

        first.setResult("go");

        assertThat(log).as("what the coroutine did: a cancel() from inside returns true and is raised at the next yield")
                .containsExactly("cancel returned true", "cancelled at the second wait");
        assertThat(self.get().isCancelled()).as("the task is cancelled").isTrue();
        assertThat(second.isDone()).as("the future of the second wait has ended: the cancellation leaves it alone").isFalse();
        assertThat(endings).as("how often the task ended").containsExactly("CANCELLED");
    }

    @Test
    void before_the_first_step_the_body_never_runs_and_the_task_ends_cancelled() {
        Future<Void> start = new Future<>();
        Task<String> task = new Task<>(Generator.of("never started", yielder -> {
            log.add("the body ran");
            return "ran";
        }), start);

        assertThat(task.cancel()).as("what cancel() returned").isTrue();
        start.setResult(null);

        assertThat(log).as("what the body did: a task cancelled before it started never runs it").isEmpty();
        assertThat(task.isCancelled()).as("the task is cancelled").isTrue();
    }

    @Test
    void a_finished_task_says_no_and_stays_as_it_was() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(waitingFor(reply));
        reply.setResult("done");
        List<String> endings = endingsOf(task);

        assertThat(task.cancel()).as("what cancel() returned for a task that has finished").isFalse();
        assertThat(task.isCancelled()).as("the finished task is now cancelled").isFalse();
        assertThat(task.result()).as("the finished task's result").isEqualTo("done");
        assertThat(endings).as("how often the task ended").containsExactly("FINISHED");
    }

    @Test
    void a_cancelled_task_says_no_the_second_time() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(waitingFor(reply));
        List<String> endings = endingsOf(task);

        task.cancel();
        log.clear();

        assertThat(task.cancel()).as("what a second cancel() returned for a task already cancelled").isFalse();
        assertThat(log).as("what the coroutine did at the second cancel").isEmpty();
        assertThat(endings).as("how often the task ended").containsExactly("CANCELLED");
    }
}
