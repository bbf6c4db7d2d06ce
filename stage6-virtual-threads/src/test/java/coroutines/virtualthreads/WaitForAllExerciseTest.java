package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.blocking.BlockingClient;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 6.2: {@link VirtualThreadClient#waitForAll}, structured waiting: the stage returns
 * only once every request it started has ended. The hosts answer after a latency, so the
 * requests are still running when {@code waitForAll} is called.
 *
 * <p>Wrong answers these tests catch: returning at once (the run reports hosts that are still
 * being requested as never reported); {@code shutdown()} alone, which does not wait; waiting
 * with a timeout shorter than the requests, and returning anyway.
 */
@Tag("exercise")
@Tag("exercise-6.2")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitForAllExerciseTest {

    @Test
    void returns_only_once_every_request_has_ended_and_the_executor_has_stopped() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().latency("so1n.me", Duration.ofMillis(300))
                .latency("github.com", Duration.ofMillis(200)).latency("google.com", Duration.ofMillis(300))
                .latency("baidu.com", Duration.ofMillis(200)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));
            ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
            for (Target target : run.targets()) {
                executor.submit(() -> BlockingClient.requestAndReport(target, run));
            }

            VirtualThreadClient.waitForAll(executor);

            assertThat(executor.isTerminated()).as("the executor has stopped").isTrue();
            assertThat(run.outcomes()).as("requests ended when waitForAll returned").hasSize(4);
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }

    @Test
    void an_executor_with_nothing_to_do_stops_at_once() {
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());

        VirtualThreadClient.waitForAll(executor);

        assertThat(executor.isTerminated()).isTrue();
    }
}
