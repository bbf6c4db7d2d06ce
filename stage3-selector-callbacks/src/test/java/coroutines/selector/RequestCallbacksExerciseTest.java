package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.3: {@code Request.connected} and {@code Request.sendRequest}, the article's
 * {@code connected} callback, which sends the request and registers {@code read_response} for
 * the answer. The whole stage runs: the loop (3.1, 3.2) and {@code readResponse} are the stage's.
 *
 * <p>Wrong answers these tests catch: the read callback never registered (the request waits
 * forever, and times out); {@code OP_CONNECT} left in the interest set (every select returns at
 * once: the loop spins); "connect success" not printed as the article does, or printed for an
 * unfinished connect; the request sent before the connect is finished.
 */
@Tag("exercise")
@Tag("exercise-3.3")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RequestCallbacksExerciseTest {

    private static final Pattern COUNTS = Pattern.compile("select\\(\\) woke the loop (\\d+) times; it ran (\\d+) callbacks");

    @Test
    void every_host_answers_byte_for_byte_with_the_articles_lines_in_between() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(SelectorClient.STAGE.client(), false);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
                assertThat(run.output().lines().filter((host + " connect success")::equals)).as(host).hasSize(1);
                assertThat(run.events().kindsOf(host)).as(host)
                        .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT).endsWith(Event.Kind.END);
            }
            assertThat(hosts.requestsReceived()).contains("GET http://so1n.me HTTP/1.0\r\nHost: so1n.me\r\n\r\n");
        }
    }

    @Test
    void sends_every_request_before_any_answer_comes_back_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(20)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(SelectorClient.STAGE.client(), false);

            assertThat(run.answeredCount()).as(run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    void the_loop_sleeps_between_steps_instead_of_spinning_on_a_finished_connect() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().latency("so1n.me", Duration.ofMillis(300)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(SelectorClient.STAGE.client(), false);

            Matcher counts = COUNTS.matcher(run.output());
            assertThat(counts.find()).as(run.output()).isTrue();
            long wakeUps = Long.parseLong(counts.group(1));
            long callbacks = Long.parseLong(counts.group(2));
            assertThat(run.answeredCount()).isEqualTo(4);
            assertThat(wakeUps).as("wake-ups for %d callbacks", callbacks).isLessThanOrEqualTo(callbacks + 4);
        }
    }

    @Test
    void a_refused_host_fails_alone() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.REFUSE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(SelectorClient.STAGE.client(), false);

            assertThat(run.outcome("baidu.com").failure()).startsWith("connection refused");
            assertThat(run.output()).doesNotContain("baidu.com connect success");
            for (String host : List.of("so1n.me", "github.com", "google.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }
}
