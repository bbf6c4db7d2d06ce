package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 5.1: {@link Future#addDoneCallback}. The article only appends the callback, so one
 * added after the future has ended never runs: a Task that starts waiting on a future that has
 * already finished would never be resumed.
 *
 * <p>The tests check that a callback added while the future is pending runs once, when it ends,
 * and not before; that one added once it has ended (with a result, even null, or cancelled) runs
 * at once, exactly once, and what it throws reaches whoever added it; and that callbacks run in
 * the order they were added.
 */
@Tag("exercise")
@Tag("exercise-5.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DoneCallbackExerciseTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void a_callback_on_a_pending_future_waits_until_it_ends_then_runs_once() {
        Future<String> future = new Future<>();

        future.addDoneCallback(f -> ran.add("saw " + f.result()));
        assertThat(ran).as("the callbacks that ran while the future was still pending").isEmpty();
        future.setResult("ok");

        assertThat(ran).as("the callbacks that ran when the future ended").containsExactly("saw ok");
    }

    @Test
    void a_callback_on_a_finished_future_runs_at_once_exactly_once() {
        Future<String> future = new Future<>();
        future.setResult("ok");

        Throwable thrown = catchThrowable(() -> future.addDoneCallback(f -> ran.add("late saw " + f.result())));

        assertThat(thrown).as("what adding a callback to a finished future threw").isNull();
        assertThat(ran).as("the callbacks that ran: one added after the future ended runs at once").containsExactly("late saw ok");
    }

    @Test
    void a_callback_on_a_future_that_finished_with_null_runs_at_once() {
        Future<Void> future = new Future<>();
        future.setResult(null); // the Task's first step waits on such a future

        Throwable thrown = catchThrowable(() -> future.addDoneCallback(f -> ran.add("late, done=" + f.isDone())));

        assertThat(thrown).as("what adding a callback to a future finished with null threw").isNull();
        assertThat(ran).as("the callbacks that ran: a null result is still an ended future").containsExactly("late, done=true");
    }

    @Test
    void a_callback_on_a_cancelled_future_runs_at_once() {
        Future<String> future = new Future<>();
        future.cancel();

        Throwable thrown = catchThrowable(() -> future.addDoneCallback(f -> ran.add("cancelled=" + f.isCancelled())));

        assertThat(thrown).as("what adding a callback to a cancelled future threw").isNull();
        assertThat(ran).as("the callbacks that ran").containsExactly("cancelled=true");
    }

    @Test
    void callbacks_run_in_the_order_they_were_added_each_once() {
        Future<String> future = new Future<>();
        future.addDoneCallback(f -> ran.add("first"));
        future.addDoneCallback(f -> ran.add("second"));

        future.setResult("ok");
        future.addDoneCallback(f -> ran.add("third, late"));
        future.addDoneCallback(f -> ran.add("fourth, late"));

        assertThat(ran).as("the callbacks that ran, in order").containsExactly("first", "second", "third, late", "fourth, late");
    }

    @Test
    void what_a_late_callback_throws_reaches_whoever_added_it() {
        Future<String> future = new Future<>();
        future.setResult("ok");
        IllegalStateException broken = new IllegalStateException("a broken callback");

        Throwable thrown = catchThrowable(() -> future.addDoneCallback(f -> {
            throw broken;
        }));

        assertThat(thrown).as("what addDoneCallback threw: a late callback's failure must not vanish").isSameAs(broken);
    }
}
