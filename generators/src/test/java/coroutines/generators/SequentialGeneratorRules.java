package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's generator rules kept by sequential bodies (a {@link Generator.Body} that pauses with a
 * {@link Yielder}), whatever keeps them paused, and what only such generators have to get right:
 * the strict turns, a yield from outside, stack traces, and cleaning up after an abandoned one.
 */
abstract class SequentialGeneratorRules extends GeneratorRules {

    /** A generator of the kind under test, named "test", running {@code body}. */
    abstract <Y, S, R> Generator<Y, S, R> generator(Generator.Body<Y, S, R> body);

    /** How many paused generators {@code when_abandoned} drops at once (see the kind's test class). */
    abstract int abandonedAtOnce();

    @Override
    Generator<Integer, Object, Void> counter(int n) {
        return generator(yielder -> {
            for (int i = 0; i < n; i++) {
                yielder.yield(i);
            }
            return null;
        });
    }

    @Override
    Generator<String, String, String> echo() {
        return generator(yielder -> {
            String received = yielder.yield("ready");
            while (!received.equals("stop")) {
                received = yielder.yield("got " + received);
            }
            return "stopped";
        });
    }

    @Override
    Generator<Integer, Object, Void> guarded(List<String> log) {
        return generator(yielder -> {
            try {
                yielder.yield(1);
                yielder.yield(2);
            } finally {
                log.add("finally ran");
            }
            return null;
        });
    }

    @Override
    Generator<String, Object, Void> catching() {
        return catchOnce("waiting", IllegalStateException.class, e -> "caught " + e.getMessage());
    }

    @Override
    Generator<String, Object, Void> ignoringGeneratorExit() {
        // The mistake under test: going on (yielding) after being asked to stop.
        return catchOnce("still here", GeneratorExit.class, e -> "ignored it");
    }

    /** <pre>try: yield first except CAUGHT as e: yield afterwards(e)</pre> */
    private <E extends Throwable> Generator<String, Object, Void> catchOnce(String first, Class<E> caught,
                                                                            Function<E, String> afterwards) {
        return generator(yielder -> {
            try {
                yielder.yield(first);
            } catch (Throwable e) {
                if (!caught.isInstance(e)) {
                    throw e;
                }
                yielder.yield(afterwards.apply(caught.cast(e)));
            }
            return null;
        });
    }

    @Override
    Generator<String, Object, Void> leakingStopIteration() {
        return generator(yielder -> {
            yielder.yield("before");
            counter(0).send(null);
            return null;
        });
    }

    @Override
    <Y, S, R> Generator<Y, S, R> delegating(Generator<Y, S, R> sub) {
        return generator(yielder -> yielder.yieldFrom(sub));
    }

    @Override
    Generator<Object, Object, Void> reentering(AtomicReference<Generator<Object, Object, Void>> self) {
        return generator(yielder -> {
            yielder.yield(self.get().send(null));
            return null;
        });
    }

    @Override
    <T> Generator<T, Object, Void> yieldingWhatItSees(Callable<T> look) {
        return generator(yielder -> {
            yielder.yield(look.call());
            return null;
        });
    }

    @Override
    <T> Generator<Object, Object, T> returningWhatItSees(Callable<T> look) {
        return generator(yielder -> look.call());
    }

    @Nested
    class in_turns {

        @Test
        void the_body_runs_only_while_a_send_waits_for_it() {
            List<String> story = Collections.synchronizedList(new ArrayList<>());
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                story.add("body starts");
                yielder.yield(1);
                story.add("body resumes");
                yielder.yield(2);
                story.add("body never gets here");
                return null;
            });

            story.add("caller sends");
            generator.send(null);
            story.add("caller got a value");
            story.add("caller sends");
            generator.send(null);
            story.add("caller got a value");

            assertThat(story).containsExactly("caller sends", "body starts", "caller got a value",
                    "caller sends", "body resumes", "caller got a value");
        }

        @Test
        void yield_outside_the_body_is_refused() {
            AtomicReference<Yielder<Integer, Object>> escaped = new AtomicReference<>();
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                escaped.set(yielder);
                yielder.yield(1);
                return null;
            });
            generator.send(null);

            assertThatThrownBy(() -> escaped.get().yield(2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the body of generator test-");
            generator.close();
        }

        @Test
        void an_exception_from_the_body_shows_the_body_then_the_caller_in_its_stack_trace() {
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                yielder.yield(1);
                throw new IllegalStateException("raised in the body");
            });
            generator.send(null);

            assertThatThrownBy(() -> generator.send(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("raised in the body")
                    .satisfies(raised -> {
                        List<String> methods = new ArrayList<>();
                        for (StackTraceElement frame : raised.getStackTrace()) {
                            methods.add(frame.getClassName() + "." + frame.getMethodName());
                        }
                        // The body, then the caller from Generator.step down, as Python's traceback
                        // reads; nothing of the kind that kept the body, so every kind's trace is the same.
                        assertThat(methods.get(0)).contains("lambda$");
                        assertThat(methods.get(1)).isEqualTo(Generator.class.getName() + ".step");
                        assertThat(methods).contains(Generator.class.getName() + ".send")
                                .noneMatch(method -> method.startsWith("java.lang.Thread.")
                                        || method.startsWith("java.lang.VirtualThread.")
                                        || method.startsWith("jdk.internal.vm.")
                                        || method.startsWith(ThreadGenerator.class.getName())
                                        || method.startsWith(ContinuationGenerator.class.getName()));
                    });
        }

    }

    @Nested
    class when_abandoned {

        @Test
        @Timeout(value = 120, unit = TimeUnit.SECONDS)
        void paused_generators_dropped_without_close_are_closed_run_their_finally_and_leave_no_thread_behind()
                throws InterruptedException {
            int bodiesBefore = ThreadGenerator.liveBodies();
            int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            CountDownLatch finallyBlocksRun = new CountDownLatch(abandonedAtOnce());

            for (int i = 0; i < abandonedAtOnce(); i++) {
                abandonAPausedGenerator(finallyBlocksRun);
            }
            // The Cleaner closes a generator once the garbage collector finds it unreachable:
            // ask for collections until every body has run its finally block.
            for (int round = 0; round < 1000 && !finallyBlocksRun.await(50, TimeUnit.MILLISECONDS); round++) {
                System.gc();
            }

            assertThat(finallyBlocksRun.getCount()).as("bodies never closed").isZero();
            // A few bodies may still be handing over their last reply; the bound is generous on purpose.
            assertThat(ThreadGenerator.liveBodies()).isLessThanOrEqualTo(bodiesBefore + 50);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(platformThreadsBefore + 50);
        }

        // A method of its own, so that no local variable of the test keeps the generator reachable.
        private void abandonAPausedGenerator(CountDownLatch finallyBlocksRun) {
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                try {
                    yielder.yield(1);
                    yielder.yield(2);
                } finally {
                    finallyBlocksRun.countDown();
                }
                return null;
            });
            generator.send(null);
        }
    }
}
