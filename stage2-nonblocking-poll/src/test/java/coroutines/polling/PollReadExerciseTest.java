package coroutines.polling;

import static coroutines.polling.PollOnceExercises.pollUntilDone;
import static coroutines.polling.PollOnceExercises.target;
import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 2.1: {@code PollingClient.Request.pollRead}, one poll of a non-blocking read. The
 * request is polled on the test's thread until it is done; connect, send and the give-up are the
 * stage's.
 *
 * <p>Wrong answers these tests catch: a read of 0 bytes taken as the end (a slow answer is cut
 * short) or as progress (a silent host is never given up on); copying the whole buffer instead
 * of the bytes read; not reporting the answer; reading on after the end (the host is reported twice);
 * recording a read without its chunk (the failure of a host that never closes cannot quote what came).
 */
@Tag("exercise")
@Tag("exercise-2.1")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollReadExerciseTest {

    private LocalHosts hosts;

    @AfterEach
    void closeHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private Run pollOne(LocalHosts.Builder builder, String host, Duration timeout) throws IOException {
        hosts = builder.start();
        Run run = Run.capturing(List.of(target(hosts, host)), timeout);
        pollUntilDone(new PollingClient.Request(run.targets().get(0), run));
        return run;
    }

    @Test
    void receives_exactly_the_bytes_the_host_sent() throws IOException {
        Run run = pollOne(LocalHosts.builder().noLatency(), "so1n.me", Duration.ofSeconds(10));

        assertThat(run.outcome("so1n.me").failure()).isNull();
        assertThat(run.outcome("so1n.me").response()).isEqualTo(hosts.responseFor("so1n.me"));
    }

    @Test
    void receives_a_several_mib_body_byte_for_byte() throws IOException {
        Run run = pollOne(LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE), "github.com", Duration.ofSeconds(10));

        byte[] expected = hosts.responseFor("github.com");
        assertThat(run.outcome("github.com").response()).as("the response").isNotNull().hasSize(expected.length);
        assertThat(run.outcome("github.com").response()).isEqualTo(expected);
    }

    @Test
    void a_poll_that_finds_nothing_yet_is_an_empty_poll_not_the_end() throws IOException {
        hosts = LocalHosts.builder().noLatency().fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(1)).start();
        Run run = Run.capturing(List.of(target(hosts, "google.com")), Duration.ofSeconds(10));
        PollingClient.Request request = new PollingClient.Request(run.targets().get(0), run);

        pollUntilDone(request);

        assertThat(run.outcome("google.com").response()).isEqualTo(hosts.responseFor("google.com"));
        assertThat(run.events().readsOf("google.com")).isGreaterThan(1);
        assertThat(request.emptyPolls()).isPositive();
    }

    @Test
    void a_host_that_never_answers_is_given_up_on_after_the_timeout() throws IOException {
        Run run = pollOne(LocalHosts.builder().noLatency().fault("baidu.com", Fault.SILENT), "baidu.com", Duration.ofMillis(500));

        assertThat(run.outcome("baidu.com").failure()).startsWith("timed out");
    }

    @Test
    void a_host_that_keeps_the_connection_open_is_reported_with_the_status_line_it_sent() throws IOException {
        Run run = pollOne(LocalHosts.builder().noLatency().fault("github.com", Fault.UNCLOSED), "github.com", Duration.ofMillis(500));

        assertThat(run.outcome("github.com").failure()).startsWith("timed out")
                .contains("after " + hosts.responseFor("github.com").length + " bytes, status line \"HTTP/1.1 301 Moved Permanently\"");
    }

    @Test
    void a_host_that_resets_the_connection_is_reported_once_as_failed() throws IOException {
        Run run = pollOne(LocalHosts.builder().noLatency().fault("github.com", Fault.RESET), "github.com", Duration.ofSeconds(10));

        assertThat(run.outcome("github.com").failure()).startsWith("the server reset the connection");
        assertThat(run.outcomes()).hasSize(1);
    }
}
