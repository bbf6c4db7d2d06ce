package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 5.2: {@link Future#setException}, where the article's code has a bug: it stores the
 * exception and forgets the callbacks, so whatever waits for a failing future waits forever.
 *
 * <p>The tests check that every callback runs once, in order, and already sees the future
 * finished with that very exception; that {@code result()} raises it as it is; and that a future
 * that has ended (with a result, an exception, or cancelled) refuses it with an
 * IllegalStateException and stays as it was, its callbacks not run again.
 */
@Tag("exercise")
@Tag("exercise-5.2")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class SetExceptionExerciseTest {

    private final List<String> seen = new ArrayList<>();

    @Test
    void runs_every_callback_in_order_once_and_each_sees_the_future_finished_with_the_exception() {
        Future<String> future = new Future<>();
        IOException reset = new IOException("connection reset");
        future.addDoneCallback(f -> seen.add("first saw " + f.state() + " with " + (f.exception() == reset ? "it" : f.exception())));
        future.addDoneCallback(f -> seen.add("second saw " + f.state() + " with " + (f.exception() == reset ? "it" : f.exception())));

        future.setException(reset);

        assertThat(seen).as("what the callbacks saw: each runs once, once the future has finished with the exception")
                .containsExactly("first saw FINISHED with it", "second saw FINISHED with it");
    }

    @Test
    void the_future_is_finished_and_result_raises_that_very_exception() {
        Future<String> future = new Future<>();
        IOException reset = new IOException("connection reset");

        future.setException(reset);

        assertThat(future.isDone()).as("the future is done").isTrue();
        assertThat(future.isCancelled()).as("the future is cancelled: a failure is not a cancellation").isFalse();
        assertThat(future.state()).as("the future's state").isEqualTo(Future.State.FINISHED);
        assertThat(future.exception()).as("the future's exception: the very one given, not wrapped").isSameAs(reset);
        assertThat(catchThrowable(future::result)).as("what result() raises").isSameAs(reset);
    }

    @Test
    void a_future_that_has_finished_refuses_and_stays_as_it_was() {
        Future<String> finished = new Future<>();
        finished.addDoneCallback(f -> seen.add("finished ended"));
        finished.setResult("ok");
        Future<String> failed = new Future<>();
        IOException first = new IOException("first");
        failed.addDoneCallback(f -> seen.add("failed ended"));
        failed.setException(first);

        Throwable late = catchThrowable(() -> finished.setException(new IOException("late")));
        Throwable again = catchThrowable(() -> failed.setException(new IOException("again")));

        assertThat(late).as("what setException threw on a future that had its result: a future ends only once")
                .isInstanceOf(IllegalStateException.class);
        assertThat(again).as("what setException threw on a future that had failed already").isInstanceOf(IllegalStateException.class);
        assertThat(finished.result()).as("the first future's result, which the refused exception leaves alone").isEqualTo("ok");
        assertThat(finished.exception()).as("the first future's exception").isNull();
        assertThat(failed.exception()).as("the second future's exception: still the first one").isSameAs(first);
        assertThat(seen).as("the callbacks that ran: each future's once").containsExactly("finished ended", "failed ended");
    }

    @Test
    void a_cancelled_future_refuses_and_stays_cancelled() {
        Future<String> cancelled = new Future<>();
        cancelled.addDoneCallback(f -> seen.add("cancelled ended"));
        cancelled.cancel();

        Throwable late = catchThrowable(() -> cancelled.setException(new IOException("late")));

        assertThat(late).as("what setException threw on a cancelled future").isInstanceOf(IllegalStateException.class);
        assertThat(cancelled.isCancelled()).as("the future is still cancelled").isTrue();
        assertThat(cancelled.state()).as("the future's state").isEqualTo(Future.State.CANCELLED);
        assertThat(seen).as("the callbacks that ran").containsExactly("cancelled ended");
    }
}
