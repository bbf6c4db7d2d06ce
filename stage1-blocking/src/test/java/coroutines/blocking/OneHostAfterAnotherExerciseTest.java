package coroutines.blocking;

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

/**
 * Exercise 1.3: {@link BlockingClient#requestAll} and {@link BlockingClient#requestAndReport},
 * the article's four calls of {@code request(host)} in a row, each host's failure its own.
 *
 * <p>Wrong answers these tests catch: one try around the whole loop (the hosts after a failing
 * one are never requested); no try at all (the failure leaves the stage); a thread per host (the
 * requests overlap: that is stage 6); the hosts in another order; a failure not reported.
 */
@Tag("exercise")
@Tag("exercise-1.3")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OneHostAfterAnotherExerciseTest {

    @Test
    void a_refused_host_is_reported_as_failed_and_the_hosts_after_it_still_answer() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(new BlockingClient(), false);

            assertThat(run.output()).doesNotContain("the stage itself failed").doesNotContain("never reported");
            assertThat(run.outcome("github.com").failure()).startsWith("connection refused");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }

    @Test
    void requests_the_hosts_in_the_order_given_each_from_its_connect_to_its_end_before_the_next() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(new BlockingClient(), false);

            assertThat(run.outcomes()).extracting(Run.Outcome::host).containsExactlyElementsOf(LocalHosts.ARTICLE_HOSTS);
            List<Event> events = run.events().all();
            for (int i = 1; i < events.size(); i++) {
                if (!events.get(i).host().equals(events.get(i - 1).host())) {
                    assertThat(events.get(i - 1).kind()).as("the event before %s's first", events.get(i).host())
                            .isEqualTo(Event.Kind.END);
                    assertThat(events.get(i).kind()).isEqualTo(Event.Kind.CONNECTING);
                }
            }
        }
    }

    @Test
    void runs_on_the_one_thread_that_called_it() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(new BlockingClient(), false);

            assertThat(run.answeredCount()).isEqualTo(4);
            assertThat(run.events().threads()).containsExactly(Thread.currentThread().getName());
        }
    }
}
