package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 5.4: {@link Task#cancel()}: a CancellationException raised in the coroutine where it
 * waits, so its {@code finally} blocks run. The article's version raises it into the caller of
 * {@code cancel} and leaves the task as it was.
 *
 * <p>Wrong answers these tests catch: the future the task waits for cancelled instead (other
 * tasks may wait for it too); the coroutine just closed (it cannot catch the cancellation and go
 * on); the exception thrown to the caller; a finished task "cancelled" again (true returned).
 */
@Tag("exercise")
@Tag("exercise-5.4")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskCancelExerciseTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private Generator<Future<?>, Object, String> waitingFor(Future<String> reply) {
        return Generator.of("waiting", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } finally {
                log.add("finally ran");
            }
        });
    }

    @Test
    void raises_a_cancellation_where_the_coroutine_waits_and_the_task_ends_cancelled() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(waitingFor(reply));

        boolean delivered = task.cancel();

        assertThat(delivered).isTrue();
        assertThat(log).containsExactly("finally ran");
        assertThat(task.isCancelled()).isTrue();
        assertThatThrownBy(task::result).isInstanceOf(CancellationException.class);
    }

    @Test
    void leaves_the_future_it_waited_for_alone() {
        Future<String> shared = new Future<>();
        Task<String> cancelled = new Task<>(waitingFor(shared));
        Task<String> other = new Task<>(waitingFor(shared));

        cancelled.cancel();
        shared.setResult("still wanted");

        assertThat(shared.isCancelled()).isFalse();
        assertThat(other.result()).isEqualTo("still wanted");
    }

    @Test
    void a_coroutine_may_catch_the_cancellation_and_go_on() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(Generator.of("stubborn", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (CancellationException e) {
                return "cleaned up and returned";
            }
        }));

        task.cancel();

        assertThat(task.isCancelled()).isFalse();
        assertThat(task.result()).isEqualTo("cleaned up and returned");
    }

    @Test
    void a_finished_task_cannot_be_cancelled() {
        Future<String> reply = new Future<>();
        Task<String> task = new Task<>(waitingFor(reply));
        reply.setResult("done");

        assertThat(task.cancel()).isFalse();
        assertThat(task.result()).isEqualTo("done");
    }
}
