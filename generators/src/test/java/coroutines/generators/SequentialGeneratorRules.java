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
 * Python's generator rules kept by sequential bodies on a thread of the given kind, and what
 * only such generators have to get right: the strict hand-off, the body's thread, stack
 * traces, and cleaning up after an abandoned generator.
 */
abstract class SequentialGeneratorRules extends GeneratorRules {

    /** The kind of thread the bodies run on. */
    abstract ThreadKind kind();

    <Y, S, R> Generator<Y, S, R> generator(Generator.Body<Y, S, R> body) {
        return ThreadGenerator.create("test", kind(), body);
    }

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
    boolean runsOnTheCallersThread() {
        return false;
    }

    @Nested
    class on_its_own_thread {

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
        void the_body_runs_on_a_thread_of_its_kind_started_by_the_first_send() {
            AtomicReference<Thread> bodyThread = new AtomicReference<>();
            Generator<Integer, Object, Void> generator = generator(yielder -> {
                bodyThread.set(Thread.currentThread());
                yielder.yield(1);
                return null;
            });
            assertThat(bodyThread.get()).as("no thread before the first send").isNull();

            generator.send(null);

            assertThat(bodyThread.get()).isNotSameAs(Thread.currentThread());
            assertThat(bodyThread.get().getName()).startsWith("test-");
            assertThat(bodyThread.get().getClass().getSimpleName().contains("Virtual"))
                    .as("runs on a virtual thread").isEqualTo(kind() == ThreadKind.VIRTUAL);
            generator.close();
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
                        assertThat(methods.get(0)).contains("lambda$");
                        assertThat(methods).contains(Generator.class.getName() + ".send")
                                .noneMatch(method -> method.startsWith("java.lang.Thread.")
                                        || method.startsWith("java.lang.VirtualThread."));
                    });
        }

        @Test
        void counts_the_time_its_body_ran_as_cpu_time() {
            ThreadGenerator<Long, Object, Void> generator = ThreadGenerator.create("test", kind(), yielder -> {
                long sum = 0;
                for (int i = 0; i < 1_000_000; i++) {
                    sum += i;
                }
                yielder.yield(sum);
                return null;
            });
            generator.send(null);
            generator.close();

            assertThat(generator.cpuTime()).isPositive();
        }
    }

    @Nested
    class when_abandoned {

        /**
         * How many paused generators to drop at once. Virtual threads: 10,000, each a small heap
         * object. Platform threads: a few hundred, because all of them are alive at once before
         * the collector finds them (their stacks are outside the heap, so they do not hasten a
         * collection), and a CI machine or container may cap a user's threads at a few thousand
         * (ulimit -u, a cgroup's pids.max). A few hundred already prove the same three things.
         */
        private int abandoned() {
            return kind() == ThreadKind.VIRTUAL ? 10_000 : 300;
        }

        @Test
        @Timeout(value = 120, unit = TimeUnit.SECONDS)
        void paused_generators_dropped_without_close_are_closed_run_their_finally_and_leave_no_thread_behind()
                throws InterruptedException {
            int bodiesBefore = ThreadGenerator.liveBodies();
            int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            CountDownLatch finallyBlocksRun = new CountDownLatch(abandoned());

            for (int i = 0; i < abandoned(); i++) {
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
