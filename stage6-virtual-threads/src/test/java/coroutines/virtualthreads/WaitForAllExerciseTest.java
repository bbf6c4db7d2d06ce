package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 6.2: {@link VirtualThreadClient#waitForAll}, structured waiting: the stage returns
 * only once every request it started has ended. The tests give it an executor whose tasks are
 * the test's own and last a minute (on a clock that only a wait moves, see {@link TasksThatOutlastShortWaits}),
 * and check that when it returns every task has ended on its own, none cancelled, and the executor
 * is shut down.
 */
@Tag("exercise")
@Tag("exercise-6.2")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitForAllExerciseTest {

    /** How long waitForAll may take here once its tasks may end: far more than it needs. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final TasksThatOutlastShortWaits executor = new TasksThatOutlastShortWaits();

    @AfterEach
    void endTheTasks() {
        executor.endEverything();
    }

    @Test
    void returns_only_once_every_task_has_ended() {
        executor.startTasks(4);

        waitForAll();

        assertThat(executor.endedOnTheirOwn()).as("how many of the 4 tasks (each lasting a minute) had ended when "
                + "waitForAll returned: it waits for every one, however long it takes; %s", executor.waits())
                .isEqualTo(4);
    }

    @Test
    void lets_every_task_end_instead_of_cancelling_it() {
        executor.startTasks(4);

        waitForAll();

        assertThat(executor.interrupted()).as("how many of the 4 tasks were interrupted (shutdownNow cancels the "
                + "requests still running; waitForAll lets them end)").isZero();
    }

    @Test
    void leaves_the_executor_shut_down() {
        executor.startTasks(2);

        waitForAll();

        assertThat(executor.isShutdown()).as("the executor is shut down when waitForAll returns").isTrue();
        assertThat(executor.isTerminated()).as("the executor has terminated (every task ended) when waitForAll returns")
                .isTrue();
    }

    @Test
    void an_executor_with_nothing_to_do_stops_at_once() {
        ExecutorService idle = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());

        assertTimeoutPreemptively(BOUND, () -> VirtualThreadClient.waitForAll(idle),
                "waitForAll had not returned " + BOUND.toSeconds() + " s after it was given an executor with no task");

        assertThat(idle.isTerminated()).as("an executor without tasks, after waitForAll: shut down and terminated").isTrue();
    }

    private void waitForAll() {
        assertTimeoutPreemptively(BOUND, () -> VirtualThreadClient.waitForAll(executor),
                "waitForAll had not returned " + BOUND.toSeconds() + " s after it was called: it waits for something "
                        + "that never comes (awaitTermination on an executor never shut down?), or it polls "
                        + "isTerminated() instead of waiting, which never lets these tasks end; " + executor.waits());
    }
}
