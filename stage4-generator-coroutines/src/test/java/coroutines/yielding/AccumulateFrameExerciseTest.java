package coroutines.yielding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 4.1: {@link AccumulateFrame#resume}, Python's {@code accumulate()} compiled by hand.
 * Each test is what the Python generator does, step by step.
 *
 * <p>Wrong answers these tests catch: {@code total} kept in a local of {@code resume} (it starts
 * again at 0 on every send) or in a static field (two generators share it); the end written as a
 * plain {@code return total} (a yield, not the end); a value thrown in ignored; the first send
 * taken as a value.
 */
@Tag("exercise")
@Tag("exercise-4.1")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AccumulateFrameExerciseTest {

    @Test
    void the_first_send_runs_the_body_to_its_first_yield_which_yields_0() {
        AccumulateFrame frame = new AccumulateFrame();

        assertThat(frame.send(null)).isZero();
        assertThat(frame.state()).isEqualTo(Generator.State.SUSPENDED);
    }

    @Test
    void each_value_sent_in_is_added_and_the_new_total_comes_out() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);

        assertThat(frame.send(5)).isEqualTo(5);
        assertThat(frame.send(2)).isEqualTo(7);
        assertThat(frame.send(-3)).isEqualTo(4);
    }

    @Test
    void sending_none_ends_it_with_the_total_as_its_return_value() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);
        frame.send(5);
        frame.send(2);

        assertThatThrownBy(() -> frame.send(null))
                .isInstanceOf(StopIteration.class)
                .satisfies(end -> assertThat(((StopIteration) end).value()).isEqualTo(7));
        assertThat(frame.state()).isEqualTo(Generator.State.CLOSED);
        assertThatThrownBy(() -> frame.send(1)).isInstanceOf(StopIteration.class);
    }

    @Test
    void two_generators_keep_two_totals() {
        AccumulateFrame first = new AccumulateFrame();
        AccumulateFrame second = new AccumulateFrame();
        first.send(null);
        second.send(null);

        first.send(10);
        second.send(1);

        assertThat(first.send(0)).isEqualTo(10);
        assertThat(second.send(0)).isEqualTo(1);
    }

    @Test
    void an_exception_thrown_in_at_the_yield_comes_out_and_ends_it() {
        AccumulateFrame frame = new AccumulateFrame();
        frame.send(null);
        frame.send(3);
        IllegalStateException stop = new IllegalStateException("stop adding");

        assertThatThrownBy(() -> frame.throwIn(stop)).isSameAs(stop);
        assertThat(frame.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void for_loops_over_it_like_python_sees_the_first_total_then_the_end() {
        AccumulateFrame frame = new AccumulateFrame();
        int yields = 0;
        for (Integer total : frame) { // each step sends None: the first yields 0, the next ends it
            assertThat(total).isZero();
            yields++;
            if (yields > 3) {
                break; // a frame that never ends would loop here forever
            }
        }

        assertThat(yields).as("values the for loop saw").isEqualTo(1);
    }
}
