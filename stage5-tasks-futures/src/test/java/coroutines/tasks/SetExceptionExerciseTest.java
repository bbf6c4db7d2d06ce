package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 5.2: {@link Future#setException}, where the article's code has a bug: it stores the
 * exception and forgets the callbacks, so whatever waits for a failing future waits forever.
 *
 * <p>Wrong answers these tests catch: the article's (no callback runs); the callbacks run before
 * the exception is stored (they see no exception); a second ending allowed; the exception
 * wrapped instead of raised as it is.
 */
@Tag("exercise")
@Tag("exercise-5.2")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SetExceptionExerciseTest {

    @Test
    void runs_every_callback_in_order_once_and_each_sees_the_exception() {
        Future<String> future = new Future<>();
        List<String> seen = new ArrayList<>();
        future.addDoneCallback(f -> seen.add("first saw " + f.exception().getMessage()));
        future.addDoneCallback(f -> seen.add("second saw " + f.exception().getMessage()));
        IOException reset = new IOException("connection reset");

        future.setException(reset);

        assertThat(seen).containsExactly("first saw connection reset", "second saw connection reset");
    }

    @Test
    void the_future_is_finished_and_result_raises_that_very_exception() {
        Future<String> future = new Future<>();
        IOException reset = new IOException("connection reset");

        future.setException(reset);

        assertThat(future.isDone()).isTrue();
        assertThat(future.isCancelled()).isFalse();
        assertThat(future.state()).isEqualTo(Future.State.FINISHED);
        assertThat(future.exception()).isSameAs(reset);
        assertThatThrownBy(future::result).isSameAs(reset);
    }

    @Test
    void a_future_ends_only_once() {
        Future<String> finished = new Future<>();
        finished.setResult("ok");
        Future<String> failed = new Future<>();
        failed.setException(new IOException("first"));

        assertThatThrownBy(() -> finished.setException(new IOException("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends only once");
        assertThatThrownBy(() -> failed.setException(new IOException("again")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends only once");
        assertThat(finished.result()).isEqualTo("ok");
        assertThat(failed.exception()).hasMessage("first");
    }
}
