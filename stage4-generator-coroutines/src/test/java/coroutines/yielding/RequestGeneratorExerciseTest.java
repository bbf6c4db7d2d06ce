package coroutines.yielding;

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
 * Exercise 4.3: the body of {@code GeneratorClient.request}, one host's request as a generator:
 * stage 1's code, with a {@code yield} of what it waits for wherever stage 1 blocked. The whole
 * stage runs; its selector loop is the stage's.
 *
 * <p>Wrong answers these tests catch: a socket left blocking (the selector refuses it); a read
 * before waiting for {@code OP_READ}, looping on empty reads without yielding (the loop is never
 * resumed: the test's timeout, which runs it on a thread of its own, fails it); a read of 0 bytes
 * taken as the end; the bytes of the whole buffer kept; a read recorded without its chunk (a host
 * that never closes is reported without its status line); the request sent before the connect is done.
 */
@Tag("exercise")
@Tag("exercise-4.3")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RequestGeneratorExerciseTest {

    @Test
    void every_host_answers_byte_for_byte_the_big_and_the_slow_ones_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE)
                .fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(1)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(GeneratorClient.STAGE.client(), false);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).failure()).as(host).isNull();
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
                assertThat(run.events().kindsOf(host)).as(host)
                        .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT).endsWith(Event.Kind.END);
            }
            assertThat(hosts.requestsReceived()).contains("GET http://baidu.com HTTP/1.0\r\nHost: baidu.com\r\n\r\n");
        }
    }

    @Test
    void all_four_requests_are_in_flight_together_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(20)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(GeneratorClient.STAGE.client(), false);

            assertThat(run.answeredCount()).as(run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    void a_host_that_keeps_the_connection_open_is_reported_with_the_status_line_it_sent() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.UNCLOSED).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofMillis(800));

            run.execute(GeneratorClient.STAGE.client(), false);

            assertThat(run.outcome("github.com").failure()).startsWith("timed out").contains("after "
                    + hosts.responseFor("github.com").length + " bytes, status line \"HTTP/1.1 301 Moved Permanently\"");
            assertThat(run.answeredCount()).isEqualTo(3);
        }
    }

    @Test
    void a_silent_host_is_timed_out_at_its_yield_and_a_refused_one_fails_alone() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.SILENT)
                .fault("baidu.com", Fault.REFUSE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofMillis(800));

            run.execute(GeneratorClient.STAGE.client(), false);

            assertThat(run.outcome("so1n.me").failure()).startsWith("timed out");
            assertThat(run.outcome("baidu.com").failure()).startsWith("connection refused");
            for (String host : List.of("github.com", "google.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }
}
