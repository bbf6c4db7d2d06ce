package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sequential rules for a {@link ThreadGenerator} on threads of the given kind, and what only a
 * body on a thread of its own has: a thread started by the first send, and CPU time of its own.
 */
abstract class ThreadGeneratorRules extends SequentialGeneratorRules {

    /** The kind of thread the bodies run on. */
    abstract ThreadKind kind();

    @Override
    <Y, S, R> Generator<Y, S, R> generator(Generator.Body<Y, S, R> body) {
        return ThreadGenerator.create("test", kind(), body);
    }

    @Override
    boolean runsOnTheCallersThread() {
        return false;
    }

    /**
     * Virtual threads: 10,000, each a small heap object. Platform threads: a few hundred, because
     * all of them are alive at once before the collector finds them (their stacks are outside the
     * heap, so they do not hasten a collection), and a CI machine or container may cap a user's
     * threads at a few thousand (ulimit -u, a cgroup's pids.max). A few hundred already prove the
     * same three things.
     */
    @Override
    int abandonedAtOnce() {
        return kind() == ThreadKind.VIRTUAL ? 10_000 : 300;
    }

    @Nested
    class on_its_own_thread {

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
}
