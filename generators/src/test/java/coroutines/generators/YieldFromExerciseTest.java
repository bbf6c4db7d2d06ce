package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 4.2: {@link Generator#delegate}, one step of {@code yield from} (PEP 380): what the
 * delegating generator receives goes on to the sub-generator, a value, an exception or a close.
 * The delegating generator here is {@code outer}, {@code result = yield from sub} written with
 * {@link Yielder#yieldFrom}, which calls {@code delegate} for each step.
 *
 * <p>Wrong answers these tests catch: an exception thrown in raised in the delegating generator
 * instead of in the sub-generator (the sub cannot catch it); a close passed on as a thrown
 * GeneratorExit (a sub that handles it and returns lets the delegating generator go on after
 * its {@code yield from}); the sub not closed at all (its {@code finally} never runs); the close
 * swallowed instead of raised again (the delegating generator yields once more).
 */
@Tag("exercise")
@Tag("exercise-4.2")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class YieldFromExerciseTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** {@code result = yield from sub; log(result); yield "after"}: shows whether it went on after its yield from. */
    private Generator<String, String, String> outer(Generator<String, String, String> sub) {
        return Generator.of("outer", yielder -> {
            String result = yielder.yieldFrom(sub);
            log.add("outer went on with " + result);
            yielder.yield("after");
            return result;
        });
    }

    @Test
    void values_sent_in_reach_the_sub_generator_and_its_yields_and_return_come_out() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            String first = yielder.yield("ready");
            String second = yielder.yield("got " + first);
            return first + "+" + second;
        });
        Generator<String, String, String> outer = outer(sub);

        assertThat(outer.send(null)).isEqualTo("ready");
        assertThat(outer.send("a")).isEqualTo("got a");
        assertThat(outer.send("b")).isEqualTo("after");
        assertThat(log).containsExactly("outer went on with a+b");
    }

    @Test
    void an_exception_thrown_in_is_raised_in_the_sub_generator_which_may_catch_it() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            try {
                yielder.yield("waiting");
            } catch (IllegalStateException e) {
                log.add("sub caught " + e.getMessage());
                yielder.yield("recovered");
            }
            return "done";
        });
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);

        assertThat(outer.throwIn(new IllegalStateException("timeout"))).isEqualTo("recovered");
        assertThat(log).containsExactly("sub caught timeout");
    }

    @Test
    void an_exception_the_sub_generator_does_not_catch_comes_out_and_ends_both() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> yielder.yield("waiting"));
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);
        IllegalStateException timeout = new IllegalStateException("timeout");

        assertThatThrownBy(() -> outer.throwIn(timeout)).isSameAs(timeout);
        assertThat(sub.state()).isEqualTo(Generator.State.CLOSED);
        assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void closing_the_delegating_generator_closes_the_sub_generator_first() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            try {
                return yielder.yield("waiting");
            } finally {
                log.add("sub's finally ran");
            }
        });
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);

        outer.close();

        assertThat(log).containsExactly("sub's finally ran");
        assertThat(sub.state()).isEqualTo(Generator.State.CLOSED);
        assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void a_sub_generator_that_cleans_up_and_returns_on_close_does_not_let_the_delegating_one_go_on() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            try {
                return yielder.yield("waiting");
            } catch (GeneratorExit exit) {
                log.add("sub cleaned up");
                return "cleaned";
            }
        });
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);

        outer.close();

        assertThat(log).containsExactly("sub cleaned up");
        assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
    }
}
