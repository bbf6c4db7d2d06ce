package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 1.3: {@link BlockingClient#requestAll} and {@link BlockingClient#requestAndReport},
 * the article's four calls of {@code request(host)} in a row, each host's failure its own. The
 * tests run the stage against the local hosts, one of which refuses the connect, and check that
 * every host is requested in the order given, on the calling thread, one after another, and that
 * each is reported exactly once: answered, or failed.
 */
@Tag("exercise")
@Tag("exercise-1.3")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OneHostAfterAnotherExerciseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void a_refused_host_is_reported_as_failed_and_the_hosts_after_it_still_answer() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), TIMEOUT);

            run.execute(new BlockingClient(), false);

            assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's own bookkeeping "
                    + "(a request reported twice or never, an exception out of requestAll)").isEmpty();
            assertThat(run.outcome("github.com").failure())
                    .as("how github.com, which refuses the connect, was reported: with run.failed and the IOException")
                    .startsWith("connection refused");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                ByteText.assertSameBytes(host + "'s answer, reported with run.answered", run.outcome(host).response(),
                        hosts.responseFor(host));
            }
        }
    }

    @Test
    void requests_the_hosts_in_the_order_given_each_from_its_connect_to_its_end_before_the_next() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), TIMEOUT);

            run.execute(new BlockingClient(), false);

            assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's own bookkeeping "
                    + "(a request reported twice or never, an exception out of requestAll)").isEmpty();
            assertThat(run.outcomes()).extracting(StageRun.Outcome::host).as("the hosts, in the order they ended")
                    .containsExactlyElementsOf(LocalHosts.ARTICLE_HOSTS);
            List<Event> events = run.events().all();
            for (int i = 1; i < events.size(); i++) {
                if (!events.get(i).host().equals(events.get(i - 1).host())) {
                    assertThat(events.get(i - 1).kind()).as("the event before %s's first: the end of the host before it",
                            events.get(i).host()).isEqualTo(Event.Kind.END);
                    assertThat(events.get(i).kind()).as("%s's first event", events.get(i).host())
                            .isEqualTo(Event.Kind.CONNECTING);
                }
            }
        }
    }

    @Test
    void runs_on_the_one_thread_that_called_it() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), TIMEOUT);

            run.execute(new BlockingClient(), false);

            assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's own bookkeeping "
                    + "(a request reported twice or never, an exception out of requestAll)").isEmpty();
            assertThat(run.answeredCount()).as("how many of the four hosts were reported answered").isEqualTo(4);
            assertThat(run.events().threads()).as("the threads the requests ran on: only the one that called requestAll")
                    .containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void request_and_report_reports_an_answer_once() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), TIMEOUT);
            Target so1n = run.targets().get(0);

            BlockingClient.requestAndReport(so1n, run);

            assertThat(run.stageBugs()).as("what the run saw go wrong in requestAndReport's reports "
                    + "(a request reported twice, or one the run does not know)").isEmpty();
            assertThat(run.outcomes()).as("the requests reported by requestAndReport(so1n.me): that one, once")
                    .extracting(StageRun.Outcome::host).containsExactly("so1n.me");
            assertThat(run.outcome(so1n).answered()).as("so1n.me reported with run.answered; the run printed:%n%s",
                    run.output()).isTrue();
            ByteText.assertSameBytes("so1n.me's answer, as reported", run.outcome(so1n).response(), hosts.responseFor("so1n.me"));
        }
    }

    @Test
    void request_and_report_reports_a_failure_once_and_throws_nothing() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), TIMEOUT);
            Target github = run.targets().get(1);

            BlockingClient.requestAndReport(github, run);

            assertThat(run.stageBugs()).as("what the run saw go wrong in requestAndReport's reports "
                    + "(a request reported twice, or one the run does not know)").isEmpty();
            assertThat(run.outcomes()).as("the requests reported by requestAndReport(github.com): that one, once")
                    .extracting(StageRun.Outcome::host).containsExactly("github.com");
            assertThat(run.outcome(github).failure()).as("github.com, which refuses the connect, reported with run.failed")
                    .startsWith("connection refused");
            assertThat(run.events().of(github)).extracting(Event::kind).as("github.com's events: its connect, then its failure")
                    .containsExactly(Event.Kind.CONNECTING, Event.Kind.FAILED);
        }
    }
}
