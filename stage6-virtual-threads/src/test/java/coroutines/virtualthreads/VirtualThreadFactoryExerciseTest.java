package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 6.1: {@link VirtualThreadClient#virtualThreads}, the factory of the threads the
 * requests run on.
 *
 * <p>Wrong answers these tests catch: platform threads ({@code Thread.ofPlatform()}, a cached
 * pool's factory); threads without the names the timeline shows; one name for all; a factory
 * shared between runs, so that the numbers go on from the last run.
 */
@Tag("exercise")
@Tag("exercise-6.1")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualThreadFactoryExerciseTest {

    @Test
    void makes_virtual_threads_numbered_from_1_in_the_order_they_are_made() {
        ThreadFactory factory = VirtualThreadClient.virtualThreads();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(factory.newThread(() -> { }));
        }

        assertThat(threads).allMatch(Thread::isVirtual);
        assertThat(threads).extracting(Thread::getName).containsExactly("virtual-1", "virtual-2", "virtual-3");
    }

    @Test
    void each_run_gets_a_factory_that_counts_from_1_again() {
        VirtualThreadClient.virtualThreads().newThread(() -> { });

        Thread first = VirtualThreadClient.virtualThreads().newThread(() -> { });

        assertThat(first.getName()).isEqualTo("virtual-1");
    }

    @Test
    void a_thread_it_makes_runs_its_task() throws InterruptedException {
        List<String> ran = new ArrayList<>();
        Thread thread = VirtualThreadClient.virtualThreads().newThread(() -> ran.add(Thread.currentThread().getName()));

        thread.start();
        thread.join();

        assertThat(ran).containsExactly("virtual-1");
    }
}
