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
 * requests run on. The tests ask for factories and threads and check that the threads are
 * virtual, not yet started, named virtual-1, virtual-2, ... in the order one factory makes them,
 * and that every factory (one per run) counts from 1 again.
 */
@Tag("exercise")
@Tag("exercise-6.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualThreadFactoryExerciseTest {

    @Test
    void makes_virtual_threads_numbered_from_1_in_the_order_they_are_made() {
        ThreadFactory factory = VirtualThreadClient.virtualThreads();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(factory.newThread(() -> { }));
        }

        assertThat(threads).as("the threads the factory made, each as Thread.isVirtual() sees it")
                .allMatch(Thread::isVirtual, "is a virtual thread");
        assertThat(threads).extracting(Thread::getName).as("the names of the first three threads one factory made")
                .containsExactly("virtual-1", "virtual-2", "virtual-3");
    }

    @Test
    void each_run_gets_a_factory_that_counts_from_1_again() {
        VirtualThreadClient.virtualThreads().newThread(() -> { });

        Thread first = VirtualThreadClient.virtualThreads().newThread(() -> { });

        assertThat(first.getName()).as("the name of the first thread of a second factory: each run makes its own "
                + "factory, and its timeline starts at virtual-1").isEqualTo("virtual-1");
    }

    @Test
    void a_thread_it_makes_waits_to_be_started_and_then_runs_its_task() throws InterruptedException {
        List<String> ran = new ArrayList<>();
        Thread thread = VirtualThreadClient.virtualThreads().newThread(() -> ran.add(Thread.currentThread().getName()));

        assertThat(thread.getState()).as("the state of a thread the factory just made: not started, since the "
                + "executor that asked for it starts it").isEqualTo(Thread.State.NEW);
        thread.start();
        thread.join();

        assertThat(ran).as("the names of the threads that ran the task given to newThread").containsExactly("virtual-1");
    }
}
