package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * Exercise 4.2: {@link Generator#delegate}, one step of {@code yield from} (PEP 380): what the
 * delegating generator receives goes on to the sub-generator, a value, an exception or a close.
 * The delegating generator here is {@code outer}, {@code result = yield from sub} written with
 * {@link Yielder#yieldFrom}, which calls {@code delegate} for each step. The tests check that a
 * value sent in reaches the sub-generator and its return value becomes the value of the
 * {@code yield from}; that an exception thrown in is raised inside the sub-generator, which may
 * catch it; and that a close closes the sub-generator (its {@code finally} runs, an error it
 * raises then comes out) and then ends the delegating generator too.
 */
@Tag("exercise")
@Tag("exercise-4.2")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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

        assertThat(outer.send(null)).as("the sub-generator's first yield, out through outer").isEqualTo("ready");
        assertThat(outer.send("a")).as("what the sub yields after \"a\" was sent to outer: send passes it on").isEqualTo("got a");
        assertThat(outer.send("b")).as("the sub returned: outer goes on after its yield from, to its own yield")
                .isEqualTo("after");
        assertThat(log).as("the value of the yield from is what the sub returned (its StopIteration's value)")
                .containsExactly("outer went on with a+b");
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

        assertThat(throwInExpectingTheSubToCatchIt(outer, new IllegalStateException("timeout")))
                .as("the exception is raised inside the sub-generator, which catches it and yields \"recovered\"")
                .isEqualTo("recovered");
        assertThat(log).as("what the sub-generator saw").containsExactly("sub caught timeout");
    }

    @Test
    void an_exception_the_sub_generator_does_not_catch_comes_out_and_ends_both() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> yielder.yield("waiting"));
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);
        IllegalStateException timeout = new IllegalStateException("timeout");

        assertThat(catchThrowable(() -> outer.throwIn(timeout)))
                .as("what outer.throwIn raised: the exception thrown in, raised in the sub, which does not catch it,"
                        + " the same one comes out").isSameAs(timeout);
        assertThat(sub.state()).as("the sub-generator, which the exception ended").isEqualTo(Generator.State.CLOSED);
        assertThat(outer.state()).as("outer, which the exception left through its yield from").isEqualTo(Generator.State.CLOSED);
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

        closeExpectingItToEnd(outer);

        assertThat(log).as("closing outer closes the sub-generator: its finally runs").containsExactly("sub's finally ran");
        assertThat(sub.state()).as("the sub-generator after outer's close").isEqualTo(Generator.State.CLOSED);
        assertThat(outer.state()).as("outer after its close").isEqualTo(Generator.State.CLOSED);
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

        closeExpectingItToEnd(outer);

        assertThat(log).as("a close is not a value for outer to go on with: outer must end, not log the sub's return")
                .containsExactly("sub cleaned up");
        assertThat(outer.state()).as("outer after its close").isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void an_error_the_sub_generator_raises_while_it_closes_comes_out_of_close() {
        IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            try {
                return yielder.yield("waiting");
            } finally {
                log.add("sub's finally ran");
                throw cleanupFailed;
            }
        });
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);

        assertThat(catchThrowable(outer::close))
                .as("what outer.close() raised: the sub-generator's close raised an error, and PEP 380 passes it on"
                        + " out of outer, it is not lost")
                .isSameAs(cleanupFailed);
        assertThat(log).as("what ran").containsExactly("sub's finally ran");
        assertThat(outer.state()).as("outer after its close").isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void a_sub_generator_that_catches_the_exception_and_returns_gives_the_yield_from_its_value() {
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            try {
                yielder.yield("waiting");
                return "no exception";
            } catch (IllegalStateException e) {
                return "handled " + e.getMessage();
            }
        });
        Generator<String, String, String> outer = outer(sub);
        outer.send(null);

        assertThat(throwInExpectingTheSubToCatchIt(outer, new IllegalStateException("timeout")))
                .as("the sub caught the exception and returned: outer goes on after its yield from, to its own yield")
                .isEqualTo("after");
        assertThat(log).as("the value of the yield from: what the sub returned").containsExactly("outer went on with handled timeout");
    }

    @Test
    void values_sent_in_go_on_in_the_order_they_were_sent() {
        List<String> received = new ArrayList<>();
        Generator<String, String, String> sub = Generator.of("sub", yielder -> {
            for (int i = 0; i < 3; i++) {
                received.add(yielder.yield("step " + i));
            }
            return "three";
        });
        Generator<String, String, String> outer = outer(sub);

        assertThat(outer.send(null)).isEqualTo("step 0");
        assertThat(outer.send("x")).isEqualTo("step 1");
        assertThat(outer.send("y")).isEqualTo("step 2");
        assertThat(outer.send("z")).as("after the sub returned").isEqualTo("after");
        assertThat(received).as("what the sub-generator received from its yields: each value sent to outer, once, in order")
                .containsExactly("x", "y", "z");
    }

    /** outer.throwIn(exception), for a sub-generator that catches it: the exception coming out is a failure that says why. */
    private String throwInExpectingTheSubToCatchIt(Generator<String, String, String> outer, RuntimeException exception) {
        try {
            return outer.throwIn(exception);
        } catch (RuntimeException cameOut) {
            if (cameOut != exception) {
                throw cameOut;
            }
            throw new AssertionFailedError("the exception thrown into outer came out of it, though the sub-generator"
                    + " catches it: it must be raised inside the sub-generator (" + log + ")", cameOut);
        }
    }

    /** outer.close(), which must end it: anything raised is a failure that says what it means. */
    private void closeExpectingItToEnd(Generator<String, String, String> outer) {
        try {
            outer.close();
        } catch (RuntimeException raised) {
            throw new AssertionFailedError("closing outer raised " + raised + ": once the sub-generator is closed,"
                    + " outer must end (GeneratorExit raised again in it), not go on to yield (" + log + ")", raised);
        }
    }
}
