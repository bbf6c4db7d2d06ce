package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 5.1: {@link Future#addDoneCallback}. The article only appends the callback, so one
 * added after the future has ended never runs: a Task that starts waiting on a future that has
 * already finished would never be resumed.
 *
 * <p>Wrong answers these tests catch: the article's (a late callback never runs); every callback
 * run at once, ended or not; a late callback run and also kept (it would run twice).
 */
@Tag("exercise")
@Tag("exercise-5.1")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DoneCallbackExerciseTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void a_callback_on_a_pending_future_waits_until_it_ends_then_runs_once() {
        Future<String> future = new Future<>();

        future.addDoneCallback(f -> ran.add("saw " + f.result()));
        assertThat(ran).isEmpty();
        future.setResult("ok");

        assertThat(ran).containsExactly("saw ok");
    }

    @Test
    void a_callback_on_a_finished_future_runs_at_once_exactly_once() {
        Future<String> future = new Future<>();
        future.setResult("ok");

        future.addDoneCallback(f -> ran.add("late saw " + f.result()));

        assertThat(ran).containsExactly("late saw ok");
    }

    @Test
    void a_callback_on_a_cancelled_future_runs_at_once() {
        Future<String> future = new Future<>();
        future.cancel();

        future.addDoneCallback(f -> ran.add("cancelled=" + f.isCancelled()));

        assertThat(ran).containsExactly("cancelled=true");
    }

    @Test
    void callbacks_run_in_the_order_they_were_added() {
        Future<String> future = new Future<>();
        future.addDoneCallback(f -> ran.add("first"));
        future.addDoneCallback(f -> ran.add("second"));

        future.setResult("ok");
        future.addDoneCallback(f -> ran.add("third, late"));

        assertThat(ran).containsExactly("first", "second", "third, late");
    }
}
