package coroutines.polling;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 2.3: {@code PollingClient.pollUntilAllDone}, the stage's whole idea: one thread asks
 * every unfinished request in turn to take a step, so that all four are in flight together. The
 * gate opens only once all four requests have arrived, so a loop that finishes one request before
 * it polls the next never gets an answer.
 *
 * <p>Wrong answers these tests catch: each request polled to its end before the next (the gate
 * never opens); requests never taken out of the loop once done, or the loop left while some are
 * unfinished (those hosts are never reported). A loop that never ends fails the test's timeout,
 * which runs the test on a thread of its own for that reason.
 */
@Tag("exercise")
@Tag("exercise-2.3")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RoundRobinExerciseTest {

    @Test
    void has_all_four_requests_in_flight_together_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(20)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(new PollingClient(), false);

            assertThat(run.answeredCount()).as(run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    void ends_once_every_request_is_done_the_failed_ones_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.SILENT)
                .fault("google.com", Fault.REFUSE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofMillis(800));

            run.execute(new PollingClient(), false);

            assertThat(run.output()).doesNotContain("never reported").doesNotContain("the stage itself failed");
            assertThat(run.outcome("github.com").failure()).startsWith("timed out");
            assertThat(run.outcome("google.com").failure()).startsWith("connection refused");
            for (String host : List.of("so1n.me", "baidu.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }
}
