package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Python's generator rules, kept by sequential bodies in the JDK's own continuation, on the
 * caller's thread (JDK 21 and newer with the package exported; skipped, saying why, elsewhere).
 */
class ContinuationGeneratorTest extends SequentialGeneratorRules {

    @BeforeAll
    static void needsTheContinuation() {
        assumeTrue(ContinuationGenerator.available(), ContinuationGenerator::whyUnavailable);
    }

    @Override
    <Y, S, R> Generator<Y, S, R> generator(Generator.Body<Y, S, R> body) {
        return ContinuationGenerator.create("test", body);
    }

    @Override
    boolean runsOnTheCallersThread() {
        return true;
    }

    /** 10,000: a paused continuation is its frames on the heap, and no thread. */
    @Override
    int abandonedAtOnce() {
        return 10_000;
    }

    @Nested
    class when_yield_from_starts_a_sub_generator {

        @Test
        void a_chain_of_them_pauses_in_one_continuation_and_keeps_every_rule_of_yield_from() {
            long before = ContinuationGenerator.continuationsMade();
            Generator<String, String, String> leaf = generator(yielder -> "leaf got " + yielder.yield("leaf ready"));
            Generator<String, String, String> middle = generator(yielder -> yielder.yieldFrom(leaf) + ", middle ended");
            Generator<String, String, String> outer = generator(yielder -> {
                String result = yielder.yieldFrom(middle);
                return yielder.yield(result);
            });

            assertThat(outer.send(null)).isEqualTo("leaf ready");
            assertThat(middle.state()).as("resumed only through its delegator").isEqualTo(Generator.State.RUNNING);
            assertThat(outer.send("x")).isEqualTo("leaf got x, middle ended");
            assertThat(leaf.state()).isEqualTo(Generator.State.CLOSED);
            assertThat(middle.state()).isEqualTo(Generator.State.CLOSED);
            assertThat(ContinuationGenerator.continuationsMade() - before).as("the outer one's only").isEqualTo(1);
            outer.close();
        }

        @Test
        void anyone_but_its_delegator_finds_it_running() {
            Generator<Integer, Object, Void> sub = generator(yielder -> {
                yielder.yield(1);
                return null;
            });
            Generator<Integer, Object, Void> outer = delegating(sub);
            outer.send(null);

            assertThatThrownBy(() -> sub.send(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("generator already executing");
            outer.close();
            assertThat(sub.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_sub_that_returns_when_closed_still_ends_its_delegator_as_pep_380_says() {
            List<String> log = new ArrayList<>();
            Generator<Integer, Object, String> sub = generator(yielder -> {
                try {
                    yielder.yield(1);
                } catch (GeneratorExit exit) {
                    return "returned on close";
                }
                return "returned";
            });
            Generator<Integer, Object, Void> outer = generator(yielder -> {
                log.add(yielder.yieldFrom(sub));
                log.add("the delegator went on");
                yielder.yield(2);
                return null;
            });
            outer.send(null);

            outer.close();

            assertThat(log).as("GeneratorExit raised in the delegator after the sub closed").isEmpty();
            assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_sub_that_yields_when_closed_is_said_to_ignore_generator_exit() {
            Generator<Integer, Object, Void> sub = generator(yielder -> {
                try {
                    yielder.yield(1);
                } catch (GeneratorExit exit) {
                    yielder.yield(2);
                }
                return null;
            });
            Generator<Integer, Object, Void> outer = delegating(sub);
            outer.send(null);

            assertThatThrownBy(outer::close)
                    .isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("generator ignored GeneratorExit");
            assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
        }

        @Test
        void a_failure_in_the_sub_shows_the_sub_then_yield_from_then_the_delegator_in_its_stack_trace() {
            Generator<Integer, Object, Void> sub = generator(yielder -> {
                yielder.yield(1);
                throw new IllegalStateException("raised in the sub");
            });
            Generator<Integer, Object, Void> outer = delegating(sub);
            outer.send(null);

            assertThatThrownBy(() -> outer.send(null))
                    .isInstanceOf(IllegalStateException.class)
                    .satisfies(raised -> {
                        List<String> methods = new ArrayList<>();
                        for (StackTraceElement frame : raised.getStackTrace()) {
                            methods.add(frame.getClassName() + "." + frame.getMethodName());
                        }
                        // As if the sub had a continuation of its own: stage 5's traces are the same on every JDK.
                        assertThat(methods.subList(1, 6)).containsExactly(Generator.class.getName() + ".step",
                                Generator.class.getName() + ".send", Generator.class.getName() + ".delegate",
                                Yielder.class.getName() + ".yieldFrom", methods.get(5));
                        assertThat(methods.get(0)).contains("lambda$");
                        assertThat(methods.get(5)).contains("lambda$").isNotEqualTo(methods.get(0));
                        assertThat(methods).noneMatch(method -> method.startsWith(ContinuationGenerator.class.getName() + ".")
                                || method.startsWith(ContinuationGenerator.class.getName() + "$"));
                    });
        }
    }

    @Nested
    class on_the_callers_thread {

        @Test
        void the_body_runs_on_whichever_thread_sends() throws InterruptedException {
            List<Thread> seen = new ArrayList<>();
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                seen.add(Thread.currentThread());
                yielder.yield(1);
                seen.add(Thread.currentThread());
                yielder.yield(2);
                return null;
            });
            generator.send(null);
            Thread other = new Thread(() -> generator.send(null), "another caller");
            other.start();
            other.join();

            assertThat(seen).containsExactly(Thread.currentThread(), other);
            generator.close();
        }

        @Test
        void a_yield_inside_synchronized_keeps_the_monitor_while_paused_on_jdk_24_and_newer_and_is_refused_before() {
            Object monitor = new Object();
            Generator<Boolean, Object, Void> generator = generator(yielder -> {
                synchronized (monitor) {
                    yielder.yield(Thread.holdsLock(monitor));
                    yielder.yield(Thread.holdsLock(monitor));
                }
                return null;
            });

            if (Runtime.version().feature() >= 24) {
                assertThat(generator.send(null)).as("the body holds it before the yield").isTrue();
                assertThat(Thread.holdsLock(monitor)).as("the caller does not hold it while the body is paused").isFalse();
                assertThat(generator.send(null)).as("the body holds it again after the yield").isTrue();
                generator.close();
            } else {
                // JDK 21 to 23: the continuation is pinned by the monitor; the yield says so, no hang.
                assertThatThrownBy(() -> generator.send(null))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot pause here: a monitor is held");
            }
        }

        @Test
        void a_yield_while_the_caller_holds_a_monitor_is_refused_on_jdk_21_to_23() {
            // On JDK 24 and newer the same pause is taken, with the caller's lock records, and a later
            // resume crashes the JVM (SIGSEGV in Thaw::thaw_slow on 25.0.3): it cannot be run here.
            assumeTrue(Runtime.version().feature() < 24, "on Java " + Runtime.version()
                    + " a continuation paused while its caller holds a monitor crashes the JVM later; see ContinuationGenerator");
            Object monitor = new Object();
            Generator<String, Object, Void> generator = generator(yielder -> {
                yielder.yield("paused");
                return null;
            });

            synchronized (monitor) {
                assertThatThrownBy(() -> generator.send(null))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot pause here: a monitor is held, by its body or by the code that called send");
            }
        }

        @Test
        void a_yield_the_jdk_cannot_pause_is_a_clear_error_in_the_body() throws Throwable {
            // Continuation.pin() enters a critical section in which the JDK refuses every yield:
            // on any JDK it shows what a pinned yield does (on JDK 21 to 23, synchronized does the same).
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            MethodHandle pin = MethodHandles.lookup().findStatic(continuation, "pin", MethodType.methodType(void.class));
            MethodHandle unpin = MethodHandles.lookup().findStatic(continuation, "unpin", MethodType.methodType(void.class));
            AtomicReference<Throwable> caughtInTheBody = new AtomicReference<>();
            Generator<String, Object, String> generator = generator(yielder -> {
                try {
                    invoke(pin);
                    try {
                        yielder.yield("paused in a critical section");
                    } finally {
                        invoke(unpin);
                    }
                } catch (IllegalStateException refused) {
                    caughtInTheBody.set(refused);
                }
                return "went on after the refused yield";
            });

            assertThatThrownBy(() -> generator.send(null))
                    .isInstanceOfSatisfying(StopIteration.class,
                            stop -> assertThat(stop.value()).isEqualTo("went on after the refused yield"));
            assertThat(caughtInTheBody.get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("generator test-")
                    .hasMessageContaining("cannot pause here: the JDK is in a critical section");
        }

        private void invoke(MethodHandle noArguments) {
            try {
                noArguments.invokeExact();
            } catch (Throwable e) {
                throw Generator.<RuntimeException>sneaky(e);
            }
        }
    }
}
