package coroutines.yielding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * This stage's hand-compiled frames do what the article's generators do. The rules themselves
 * (first send, StopIteration, throwIn, close, PEP 479...) are the generators library's, tested
 * there for every kind; these tests check what each lesson frame adds: its jumps and its locals.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LessonFramesTest {

    @Test
    void demo_frame_keeps_its_locals_in_fields_across_yields_and_returns_none_as_a_string() {
        DemoFrame frame = new DemoFrame();
        assertThat(frame.locals()).as("before the body runs").containsEntry("a", 0).containsEntry("b", 0);

        assertThat(frame.send(null)).isEqualTo(1);
        assertThat(frame.locals()).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(frame.send(null)).isEqualTo(2);

        assertThatThrownBy(() -> frame.send(null)).isInstanceOfSatisfying(StopIteration.class,
                stop -> assertThat(stop.value()).isEqualTo("None"));
    }

    @Test
    void count_frame_jumps_back_into_its_loop_after_each_yield_and_ends_after_the_range() {
        List<Integer> values = new ArrayList<>();

        for (int value : new CountFrame(3)) {
            values.add(value);
        }

        assertThat(values).containsExactly(0, 1, 2);
        assertThat(new CountFrame(0).iterator().hasNext()).as("range(0) yields nothing").isFalse();
    }

    @Test
    void count_frame_raises_what_is_thrown_in_at_its_yield() {
        CountFrame frame = new CountFrame(3);
        frame.send(null);

        assertThatThrownBy(() -> frame.throwIn(new IllegalStateException("cancelled")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cancelled");
        assertThat(frame.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void yield_from_frame_passes_a_sequential_sub_generators_values_and_sends_through_and_returns_its_result() {
        // A frame delegating to a thread-backed generator: the two kinds mix, as in the article's demo_gen_2.
        Generator<String, String, String> sub = Generator.of("echo", yielder -> {
            String received = yielder.yield("ready");
            return "got " + received;
        });
        YieldFromFrame<String, String, String> frame = new YieldFromFrame<>(sub);

        assertThat(frame.send(null)).isEqualTo("ready");

        assertThatThrownBy(() -> frame.send("hello")).isInstanceOfSatisfying(StopIteration.class,
                stop -> assertThat(stop.value()).as("the sub-generator's return value").isEqualTo("got hello"));
    }

    @Test
    void yield_from_frame_closes_its_sub_generator_when_closed() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Object, Void> sub = Generator.of("guarded", yielder -> {
            try {
                yielder.yield(1);
            } finally {
                log.add("sub's finally ran");
            }
            return null;
        });
        YieldFromFrame<Integer, Object, Void> frame = new YieldFromFrame<>(sub);
        frame.send(null);

        frame.close();

        assertThat(log).containsExactly("sub's finally ran");
        assertThat(sub.state()).isEqualTo(Generator.State.CLOSED);
    }
}
