package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 5.3: {@code Task.step}, the article's {@code step}: resume the coroutine with how the
 * future it waited for ended, then hang the next step on the next future it yields. The test's
 * thread plays the event loop: it ends the futures. The coroutines here yield their futures with
 * a plain {@code yield}, so that only the Task is under test.
 *
 * <p>Wrong answers these tests catch: the result sent in when the future failed (the coroutine
 * never sees its exception; {@code result()} raises it in the Task instead); the Task never
 * finished with what the coroutine returns or raises; the next future not waited for (the
 * coroutine stops after its first wait); the coroutine resumed at once instead of when the
 * future ends.
 */
@Tag("exercise")
@Tag("exercise-5.3")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskStepExerciseTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void the_coroutine_runs_to_its_first_wait_at_once_and_goes_on_only_when_the_future_ends() {
        Future<String> reply = new Future<>();

        Task<String> task = new Task<>(Generator.of("waits once", yielder -> {
            log.add("started");
            String got = (String) yielder.yield(reply);
            log.add("resumed with " + got);
            return got.toUpperCase();
        }));

        assertThat(log).containsExactly("started");
        assertThat(task.isDone()).isFalse();
        reply.setResult("hello");
        assertThat(log).containsExactly("started", "resumed with hello");
        assertThat(task.result()).isEqualTo("HELLO");
    }

    @Test
    void waits_for_each_future_the_coroutine_yields_in_turn() {
        Future<String> first = new Future<>();
        Future<String> second = new Future<>();

        Task<String> task = new Task<>(Generator.of("waits twice", yielder ->
                yielder.yield(first) + " " + yielder.yield(second)));
        first.setResult("one");
        assertThat(task.isDone()).isFalse();
        second.setResult("two");

        assertThat(task.result()).isEqualTo("one two");
    }

    @Test
    void a_failed_future_raises_its_exception_in_the_coroutine_where_it_waits() {
        Future<String> reply = new Future<>();
        IOException reset = new IOException("connection reset");

        Task<String> task = new Task<>(Generator.of("catches", yielder -> {
            try {
                return (String) yielder.yield(reply);
            } catch (Exception e) { // the IOException comes through yield undeclared, as Python raises it
                return "caught " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }));
        reply.setException(reset);

        assertThat(task.result()).isEqualTo("caught IOException: connection reset");
    }

    @Test
    void what_the_coroutine_raises_is_what_the_task_finishes_with() {
        Future<String> reply = new Future<>();
        IllegalStateException bug = new IllegalStateException("a bug after the wait");

        Task<String> task = new Task<>(Generator.of("raises", yielder -> {
            yielder.yield(reply);
            throw bug;
        }));
        reply.setResult("ok");

        assertThat(task.isDone()).isTrue();
        assertThat(task.exception()).isSameAs(bug);
        assertThatThrownBy(task::result).isSameAs(bug);
    }

    @Test
    void another_coroutine_can_wait_for_the_task_as_for_any_future() {
        Future<String> reply = new Future<>();
        Task<String> inner = new Task<>(Generator.of("inner", yielder -> "inner got " + yielder.yield(reply)));

        Task<String> outer = new Task<>(Generator.of("outer", yielder -> "outer saw: " + yielder.yield(inner)));
        reply.setResult("x");

        assertThat(outer.result()).isEqualTo("outer saw: inner got x");
    }

    @Test
    void a_task_started_on_a_future_that_has_already_finished_runs() {
        Future<Void> finished = new Future<>();
        finished.setResult(null); // what a Task sends first must be null: it starts the coroutine

        Task<String> task = new Task<>(Generator.of("starts", yielder -> "ran"), finished);

        assertThat(task.isDone()).isTrue();
        assertThat(task.result()).isEqualTo("ran");
    }
}
