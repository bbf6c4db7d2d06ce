package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 6.3: {@link VirtualThreadClient#startEach}, the stage's whole idea: stage 1's code,
 * unchanged, on a thread of its own per request. The tests give it executors of their own: one
 * that keeps the tasks it is given, to see that startEach hands over one task per request and
 * returns without waiting, and that each task is stage 1's request of its own host, reported
 * once; and a real one against hosts behind a gate that opens only once all four requests have
 * arrived, which requests made one after another never pass.
 */
@Tag("exercise")
@Tag("exercise-6.3")
@Timeout(value = 12, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadPerRequestExerciseTest {

    /** How long startEach may take here: it only starts the requests, so far more than it needs. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    private final TasksKeptForLater kept = new TasksKeptForLater();
    private ExecutorService threads;

    @AfterEach
    void stopEverything() {
        kept.release();
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void gives_the_executor_one_task_per_request_and_returns_before_any_has_run() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(5));

            startEach(kept, run);

            assertThat(kept.tasks()).as("how many tasks startEach gave the executor for 4 requests: one each").hasSize(4);
            assertThat(run.events().all()).as("what startEach itself did to the hosts before the executor ran a task: "
                    + "nothing, each request is its task's").isEmpty();
        }
    }

    @Test
    void each_task_is_stage_1s_request_of_its_own_host_reported_once() throws IOException, InterruptedException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(5));
            startEach(kept, run);
            List<Runnable> tasks = kept.tasks();
            assertThat(tasks).as("how many tasks startEach gave the executor for 4 requests: one each").hasSize(4);

            Set<String> requested = new HashSet<>();
            for (Runnable task : tasks) {
                Set<String> before = hostsWithEvents(run);
                runAndRethrow(task);
                Set<String> newHosts = hostsWithEvents(run);
                newHosts.removeAll(before);
                assertThat(newHosts).as("the hosts one task requested (hosts requested before it: %s)", before).hasSize(1);
                String host = newHosts.iterator().next();
                assertThat(run.outcome(host)).as("how %s's request ended, once its task had run: reported, "
                        + "answered or failed", host).isNotNull();
                requested.add(host);
            }

            assertThat(requested).as("the hosts the four tasks requested").containsExactlyInAnyOrderElementsOf(LocalHosts.ARTICLE_HOSTS);
            assertThat(run.stageBugs()).as("what the run saw go wrong in the reports (a request reported twice)").isEmpty();
            assertThat(run.outcome("github.com").failure()).as("github.com, which refuses the connect").startsWith("connection refused");
            assertThat(run.answeredCount()).as("how many of the other three hosts answered").isEqualTo(3);
        }
    }

    @Test
    void has_all_four_requests_in_flight_together_behind_the_gate() throws IOException, InterruptedException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().gate(4, Duration.ofSeconds(5)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(8));
            threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("test-request-", 1).factory());

            startEach(threads, run);
            threads.shutdown();
            assertThat(threads.awaitTermination(6, TimeUnit.SECONDS))
                    .as("whether the requests had ended 6 s after startEach returned: requests made one after another "
                            + "wait behind the gate, which opens only once all four have arrived").isTrue();

            assertThat(run.stageBugs()).as("what the run saw go wrong in the reports (a request reported twice)").isEmpty();
            assertThat(run.answeredCount()).as("how many of the four hosts answered: a host answers only once all four "
                    + "requests have arrived, so they must be in flight together; the run printed:%n%s", run.output())
                    .isEqualTo(4);
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                Set<String> threadsOfHost = run.events().of(host).stream().map(Event::thread).collect(Collectors.toSet());
                assertThat(threadsOfHost).as("the threads %s's request ran on: one of the executor's", host)
                        .singleElement().asString().startsWith("test-request-");
            }
            assertThat(run.events().threads()).as("the threads the four requests ran on: one each").hasSize(4);
        }
    }

    private static void startEach(ExecutorService executor, StageRun run) {
        assertTimeoutPreemptively(BOUND, () -> VirtualThreadClient.startEach(executor, run.targets(), run),
                "startEach had not returned after " + BOUND.toSeconds() + " s: it gives the executor the requests and "
                        + "returns at once, without waiting for any (no get(), invokeAll, close, or request of its own)");
    }

    /** Runs a task as the executor would; what a submitted task threw is thrown here, not kept in its future. */
    private static void runAndRethrow(Runnable task) throws InterruptedException {
        task.run();
        if (task instanceof Future<?> future) {
            try {
                future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new AssertionError("a task startEach gave the executor threw " + cause, cause);
            }
        }
    }

    private static Set<String> hostsWithEvents(StageRun run) {
        return run.events().all().stream().map(Event::host).collect(Collectors.toCollection(HashSet::new));
    }
}
