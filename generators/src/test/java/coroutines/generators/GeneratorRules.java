package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's generator rules, one test each, for every way of building a generator: a subclass
 * supplies the same small bodies (each written in Python in its method's comment), built its
 * own way: compiled by hand into frames, or as sequential bodies on a thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class GeneratorRules {

    /** <pre>for i in range(n): yield i</pre> */
    abstract Generator<Integer, Object, Void> counter(int n);

    /**
     * <pre>
     * received = yield 'ready'
     * while received != 'stop':
     *     received = yield 'got ' + received
     * return 'stopped'
     * </pre>
     */
    abstract Generator<String, String, String> echo();

    /** <pre>try: yield 1; yield 2 finally: log.append('finally ran')</pre> */
    abstract Generator<Integer, Object, Void> guarded(List<String> log);

    /**
     * <pre>
     * try: yield 'waiting'
     * except IllegalStateException as e: yield 'caught ' + e.message
     * </pre>
     */
    abstract Generator<String, Object, Void> catching();

    /** <pre>try: yield 'still here' except GeneratorExit: yield 'ignored it'</pre> */
    abstract Generator<String, Object, Void> ignoringGeneratorExit();

    /** <pre>yield 'before'; next(counter(0))</pre> (the empty counter's StopIteration escapes) */
    abstract Generator<String, Object, Void> leakingStopIteration();

    /** <pre>result = yield from sub; return result</pre> */
    abstract <Y, S, R> Generator<Y, S, R> delegating(Generator<Y, S, R> sub);

    /** <pre>yield next(self)</pre> (resumes itself while running) */
    abstract Generator<Object, Object, Void> reentering(AtomicReference<Generator<Object, Object, Void>> self);

    /** <pre>yield look()</pre> (what the body sees of the thread it runs on) */
    abstract <T> Generator<T, Object, Void> yieldingWhatItSees(Callable<T> look);

    /** <pre>return look()</pre> (what the body sees, without pausing) */
    abstract <T> Generator<Object, Object, T> returningWhatItSees(Callable<T> look);

    /** True for a frame, whose body runs inside the caller's {@code send}; false for a body on a thread of its own. */
    abstract boolean runsOnTheCallersThread();

    /** The call ends the generator: it throws StopIteration carrying {@code returnValue}. */
    static void assertEnds(ThrowingCallable call, Object returnValue) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StopIteration.class,
                stop -> assertThat(stop.value()).as("the return value it carries").isEqualTo(returnValue));
    }

    @Nested
    class send {

        @Test
        void returns_each_yielded_value_in_turn() {
            Generator<Integer, Object, Void> generator = counter(3);

            assertThat(List.of(generator.send(null), generator.send(null), generator.send(null))).containsExactly(0, 1, 2);
        }

        @Test
        void first_send_must_be_null() {
            Generator<String, String, String> generator = echo();

            assertThatThrownBy(() -> generator.send("too early"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("can't send non-null value to a just-started generator");
        }

        @Test
        void passes_the_sent_value_out_of_the_paused_yield() {
            Generator<String, String, String> generator = echo();

            assertThat(generator.send(null)).isEqualTo("ready");
            assertThat(generator.send("hello")).isEqualTo("got hello");
            assertThat(generator.send("again")).isEqualTo("got again");
        }

        @Test
        void returning_ends_with_stop_iteration_carrying_the_return_value() {
            Generator<String, String, String> generator = echo();
            generator.send(null);

            assertEnds(() -> generator.send("stop"), "stopped");
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_finished_generator_throws_stop_iteration_again_without_a_value() {
            Generator<Integer, Object, Void> generator = counter(0);
            assertEnds(() -> generator.send(null), null);

            assertEnds(() -> generator.send(null), null);
        }

        @Test
        void re_entering_a_running_generator_fails_with_already_executing() {
            AtomicReference<Generator<Object, Object, Void>> self = new AtomicReference<>();
            Generator<Object, Object, Void> generator = reentering(self);
            self.set(generator);

            assertThatThrownBy(() -> generator.send(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("generator already executing");
        }

        @Test
        void reports_its_state_as_python_inspect_does() {
            Generator<Integer, Object, Void> generator = counter(1);
            assertThat(generator.state()).isEqualTo(Generator.State.CREATED);

            generator.send(null);
            assertThat(generator.state()).isEqualTo(Generator.State.SUSPENDED);

            assertEnds(() -> generator.send(null), null);
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }
    }

    @Nested
    class throw_in {

        @Test
        void raises_at_the_paused_yield_and_returns_what_the_body_yields_after_catching_it() {
            Generator<String, Object, Void> generator = catching();
            generator.send(null);

            assertThat(generator.throwIn(new IllegalStateException("cancelled"))).isEqualTo("caught cancelled");
        }

        @Test
        void an_exception_the_body_does_not_catch_comes_back_out_unchanged() {
            Generator<Integer, Object, Void> generator = counter(3);
            generator.send(null);
            IOException failure = new IOException("connection reset");

            assertThatThrownBy(() -> generator.throwIn(failure))
                    .isSameAs(failure)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("connection reset");
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void into_a_just_started_generator_ends_it_without_running_the_body() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> generator = guarded(log);

            assertThatThrownBy(() -> generator.throwIn(new IllegalStateException("too soon")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("too soon");
            assertThat(log).isEmpty();
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void into_a_finished_generator_just_throws_the_exception_back() {
            Generator<Integer, Object, Void> generator = counter(0);
            assertEnds(() -> generator.send(null), null);

            assertThatThrownBy(() -> generator.throwIn(new IllegalStateException("late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("late");
        }
    }

    @Nested
    class close {

        @Test
        void raises_generator_exit_at_the_paused_yield_and_runs_finally() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> generator = guarded(log);
            generator.send(null);

            generator.close();

            assertThat(log).containsExactly("finally ran");
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
            assertEnds(() -> generator.send(null), null);
        }

        @Test
        void is_a_no_op_on_a_finished_generator() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> generator = guarded(log);
            for (Integer ignored : generator) {
                // run to the end
            }
            assertThat(log).containsExactly("finally ran");

            generator.close();

            assertThat(log).containsExactly("finally ran");
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void of_a_just_started_generator_never_runs_the_body() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> generator = guarded(log);

            generator.close();

            assertThat(log).isEmpty();
            assertEnds(() -> generator.send(null), null);
        }

        @Test
        void a_body_that_yields_during_close_is_an_error() {
            Generator<String, Object, Void> generator = ignoringGeneratorExit();
            generator.send(null);

            assertThatThrownBy(generator::close)
                    .isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("generator ignored GeneratorExit");
            assertThat(generator.state()).as("still paused, at its second yield").isEqualTo(Generator.State.SUSPENDED);
            assertEnds(() -> generator.send(null), null);
        }
    }

    @Nested
    class yield_from {

        @Test
        void passes_the_sub_generators_values_out() {
            Generator<Integer, Object, Void> generator = delegating(counter(3));

            List<Integer> values = new ArrayList<>();
            generator.forEach(values::add);

            assertThat(values).containsExactly(0, 1, 2);
        }

        @Test
        void passes_sent_values_in_and_takes_the_sub_generators_return_value() {
            Generator<String, String, String> generator = delegating(echo());

            assertThat(generator.send(null)).isEqualTo("ready");
            assertThat(generator.send("through")).isEqualTo("got through");
            assertEnds(() -> generator.send("stop"), "stopped");
        }

        @Test
        void forwards_throw_in_to_the_sub_generator() {
            Generator<String, Object, Void> generator = delegating(catching());
            generator.send(null);

            assertThat(generator.throwIn(new IllegalStateException("cancelled"))).isEqualTo("caught cancelled");
        }

        @Test
        void forwards_close_to_the_sub_generator() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> sub = guarded(log);
            Generator<Integer, Object, Void> generator = delegating(sub);
            generator.send(null);

            generator.close();

            assertThat(log).containsExactly("finally ran");
            assertThat(sub.state()).isEqualTo(Generator.State.CLOSED);
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }
    }

    @Nested
    class pep_479 {

        @Test
        void a_stop_iteration_escaping_the_body_becomes_a_runtime_exception() {
            Generator<String, Object, Void> generator = leakingStopIteration();
            generator.send(null);

            assertThatThrownBy(() -> generator.send(null))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(StopIteration.class)
                    .hasMessageContaining("generator raised StopIteration")
                    .hasCauseInstanceOf(StopIteration.class);
        }

        @Test
        void a_stop_iteration_thrown_into_a_just_started_generator_becomes_a_runtime_exception_too() {
            // Python 3.7+: g.throw(StopIteration('early')) on a fresh generator raises
            // RuntimeError('generator raised StopIteration') whose __cause__ is the StopIteration.
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, Void> generator = guarded(log);
            StopIteration early = new StopIteration("early");

            assertThatThrownBy(() -> generator.throwIn(early))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(StopIteration.class)
                    .hasMessage("generator raised StopIteration")
                    .hasCause(early);
            assertThat(log).as("the body never ran").isEmpty();
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_stop_iteration_thrown_into_a_paused_generator_that_lets_it_out_becomes_a_runtime_exception() {
            Generator<Integer, Object, Void> generator = counter(3);
            generator.send(null);
            StopIteration thrownIn = new StopIteration(null);

            assertThatThrownBy(() -> generator.throwIn(thrownIn))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(StopIteration.class)
                    .hasMessage("generator raised StopIteration")
                    .hasCause(thrownIn);
            assertThat(generator.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_stop_iteration_thrown_into_a_finished_generator_comes_back_unchanged() {
            Generator<Integer, Object, Void> generator = counter(0);
            assertEnds(() -> generator.send(null), null);
            StopIteration late = new StopIteration("late");

            assertThatThrownBy(() -> generator.throwIn(late)).isSameAs(late).hasMessage("late");
        }
    }

    /**
     * A frame's body runs inside {@code send}, on the caller's thread; a thread-backed body runs
     * on its own thread while the caller waits. Each test shows one thing that differs.
     */
    @Nested
    class what_the_body_shares_with_the_caller {

        @Test
        void thread_current_thread_is_the_callers_only_in_a_frame() {
            Thread caller = Thread.currentThread();

            Generator<Thread, Object, Void> generator = yieldingWhatItSees(Thread::currentThread);

            Thread seen = generator.send(null);
            generator.close();

            assertThat(seen == caller).as("the body's thread is the caller's").isEqualTo(runsOnTheCallersThread());
        }

        @Test
        void a_thread_local_the_caller_set_is_seen_only_in_a_frame() {
            ThreadLocal<String> requestId = ThreadLocal.withInitial(() -> "none set on this thread");
            requestId.set("set by the caller");

            Generator<String, Object, Void> generator = yieldingWhatItSees(requestId::get);

            String seen = generator.send(null);
            generator.close();

            assertThat(seen).isEqualTo(runsOnTheCallersThread() ? "set by the caller" : "none set on this thread");
        }

        @Test
        void a_reentrant_lock_the_caller_holds_can_be_taken_only_in_a_frame() {
            ReentrantLock lock = new ReentrantLock();
            Generator<Boolean, Object, Void> generator = yieldingWhatItSees(() -> {
                // Bounded: lock() would wait forever on a thread of its own, since the caller
                // keeps the lock while it waits in send for this very body.
                boolean taken = lock.tryLock(50, TimeUnit.MILLISECONDS);
                if (taken) {
                    lock.unlock();
                }
                return taken;
            });

            lock.lock();
            try {
                assertThat(generator.send(null)).as("the body took the lock").isEqualTo(runsOnTheCallersThread());
            } finally {
                lock.unlock();
            }
            generator.close();
        }

        @Test
        void a_monitor_the_caller_holds_is_held_only_in_a_frame_so_synchronized_elsewhere_would_deadlock() {
            Object monitor = new Object();
            // Thread.holdsLock, not synchronized: on a thread of its own the body would block on
            // entry for good (the caller holds the monitor while it waits in send for the body),
            // and the JDK has no bounded way to enter a monitor. The body returns instead of
            // yielding: a continuation must never pause while its caller holds a monitor
            // (see ContinuationGenerator).
            Generator<Object, Object, Boolean> generator = returningWhatItSees(() -> Thread.holdsLock(monitor));

            synchronized (monitor) {
                assertEnds(() -> generator.send(null), runsOnTheCallersThread());
            }
        }
    }

    @Nested
    class for_each {

        @Test
        void iterates_the_yielded_values_until_the_end() {
            List<Integer> values = new ArrayList<>();

            for (int value : counter(4)) {
                values.add(value);
            }

            assertThat(values).containsExactly(0, 1, 2, 3);
        }

        @Test
        void continues_a_generator_that_was_already_started() {
            Generator<Integer, Object, Void> generator = counter(3);
            generator.send(null);

            List<Integer> rest = new ArrayList<>();
            generator.forEach(rest::add);

            assertThat(rest).containsExactly(1, 2);
        }
    }
}
