package coroutines.yielding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * Exercise 4.1: {@link AccumulateFrame#resume}, Python's {@code accumulate()} compiled by hand.
 * Each test is what the Python generator does, step by step: the first send yields 0, each value
 * sent in is added and the new total yielded, {@code None} ends it with the total as its return
 * value, an exception thrown in comes out at the paused yield, and each generator keeps its own total.
 */
@Tag("exercise")
@Tag("exercise-4.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AccumulateFrameExerciseTest {

    @Test
    void the_first_send_runs_the_body_to_its_first_yield_which_yields_0() {
        AccumulateFrame frame = new AccumulateFrame();

        Integer first;
        try {
            first = frame.send(null);
        } catch (StopIteration end) {
            throw new AssertionFailedError("the first send(null) ended the generator (StopIteration " + end.value()
                    + "): it must start the body, which sets total = 0 and yields it", end);
        }
        assertThat(first).as("what the first send(null) yields: total = 0, then yield total").isZero();
        assertThat(frame.state()).as("after the first send it waits at \"yield total\"")
                .isEqualTo(Generator.State.SUSPENDED);
    }

    @Test
    void each_value_sent_in_is_added_and_the_new_total_comes_out() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);

        assertThat(frame.send(5)).as("0 + 5: send yields the total after adding").isEqualTo(5);
        assertThat(frame.send(2)).as("5 + 2: the total must survive between sends").isEqualTo(7);
        assertThat(frame.send(-3)).as("7 + -3").isEqualTo(4);
    }

    @Test
    void sending_0_adds_nothing_and_goes_on() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);
        frame.send(4);

        assertThat(frame.send(0)).as("4 + 0: only None ends it, 0 is a value like any other").isEqualTo(4);
        assertThat(frame.send(1)).as("4 + 0 + 1").isEqualTo(5);
    }

    @Test
    void sending_none_ends_it_with_the_total_as_its_return_value() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);
        frame.send(5);
        frame.send(2);

        assertThat(catchThrowable(() -> frame.send(null)))
                .as("what send(null) after 5 and 2 raised: \"return total\" ends the generator, a StopIteration carrying 7"
                        + " (returned(total) ends it; a plain return is a yield)")
                .isInstanceOf(StopIteration.class)
                .satisfies(end -> assertThat(((StopIteration) end).value()).as("the return value").isEqualTo(7));
        assertThat(frame.state()).as("a generator that returned").isEqualTo(Generator.State.CLOSED);
        assertThat(catchThrowable(() -> frame.send(1))).as("what a send after the end raised").isInstanceOf(StopIteration.class);
    }

    @Test
    void two_generators_keep_two_totals() {
        AccumulateFrame first = new AccumulateFrame();
        AccumulateFrame second = new AccumulateFrame();
        first.send(null);
        second.send(null);

        first.send(10);
        second.send(1);

        assertThat(first.send(2)).as("the first generator's total: 10 + 2").isEqualTo(12);
        assertThat(second.send(2)).as("the second generator's total, its own: 1 + 2").isEqualTo(3);
    }

    @Test
    void an_exception_thrown_in_at_the_yield_comes_out_and_ends_it() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);
        frame.send(3);
        IllegalStateException stop = new IllegalStateException("stop adding");

        assertThat(catchThrowable(() -> frame.throwIn(stop))).as("what throwIn raised: the exception is raised at"
                + " \"yield total\", where nothing catches it, so the same exception comes out").isSameAs(stop);
        assertThat(frame.state()).as("a generator an exception left").isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void for_loops_over_it_like_python_sees_the_first_total_then_the_end() {
        AccumulateFrame frame = new AccumulateFrame();
        int yields = 0;
        for (Integer total : frame) { // each step sends None: the first yields 0, the next ends it
            assertThat(total).as("the value the for loop saw").isZero();
            yields++;
            if (yields > 3) {
                break; // a frame that never ends would loop here forever
            }
        }

        assertThat(yields).as("values the for loop saw: 0, then the end").isEqualTo(1);
    }
}
