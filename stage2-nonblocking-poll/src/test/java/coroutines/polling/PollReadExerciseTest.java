package coroutines.polling;

import static coroutines.polling.PollOnceExercises.pollUntilDone;
import static coroutines.polling.PollOnceExercises.sentByTheTest;
import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 2.1: {@code PollingClient.Request.pollRead}, one poll of a non-blocking read. The test
 * connects and sends the article's request itself, hands the channel to a request that starts at
 * reading, and polls it on the test's thread until it is done; the give-up after the timeout is the
 * stage's {@code poll}.
 *
 * <p>The tests check the response byte for byte (a small one, one that trickles in a byte at a
 * time, one of several MiB), every read recorded with its chunk and length and the end of the stream
 * as a read of 0, the request reported exactly once and done (its socket closed) the moment the
 * stream ends, a read that finds nothing counted as an empty poll (so a silent host is given up on
 * after the timeout), and a read that finds bytes counted as progress (so a slow but steady host is not).
 */
@Tag("exercise")
@Tag("exercise-2.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PollReadExerciseTest {

    /** Longer than any run's own timeout here: past it, the test ends the request. */
    private static final Duration BOUND = Duration.ofSeconds(7);

    private LocalHosts hosts;
    private SocketChannel channel;

    @AfterEach
    void closeAll() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /** One request for {@code host}, read to its end; the run gives up after {@code timeout} without progress, or 5 s in all. */
    private StageRun readOne(LocalHosts.Builder builder, String host, Duration timeout) throws IOException {
        hosts = builder.start();
        Target target = hosts.targets().stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
        StageRun run = StageRun.capturing(List.of(target), StageRun.Settings.withTimeout(timeout).maxTime(Duration.ofSeconds(5)));
        PollingClient.Request request = new PollingClient.Request(run.targets().get(0), run);
        channel = sentByTheTest(request, run.targets().get(0));

        pollUntilDone(request, run, BOUND);

        assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's bookkeeping (each request is"
                + " reported once, with run.answered or run.failed, never twice)").isEmpty();
        assertThat(channel.isOpen()).as("whether the request's socket is still open once the request is done"
                + " (finish() closes it)").isFalse();
        return run;
    }

    /** How the request for {@code host} was reported; fails if it never was. */
    private static StageRun.Outcome outcome(StageRun run, String host) {
        StageRun.Outcome outcome = run.outcome(host);
        assertThat(outcome).as("the report of the request for " + host + " once it was done (run.answered with the"
                + " response at the end of the stream, or run.failed): it was never reported").isNotNull();
        return outcome;
    }

    private void assertAnsweredWithAllItSent(StageRun run, String host) {
        assertThat(outcome(run, host).failure()).as("how the request for " + host + " ended (null: answered)").isNull();
        ByteText.assertSameBytes("the response reported with run.answered", run.outcome(host).response(), hosts.responseFor(host));
    }

    @Test
    void receives_exactly_the_bytes_the_host_sent() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency(), "so1n.me", Duration.ofSeconds(3));

        assertAnsweredWithAllItSent(run, "so1n.me");
    }

    @Test
    void records_every_read_with_its_length_and_the_end_of_the_stream_as_a_read_of_0() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency(), "so1n.me", Duration.ofSeconds(3));

        List<Event> reads = run.events().of("so1n.me").stream().filter(e -> e.kind() == Event.Kind.READ).toList();
        assertThat(reads).as("the reads recorded with run.read").isNotEmpty();
        assertThat(reads.stream().mapToLong(Event::bytes).sum())
                .as("the bytes of all the reads recorded with run.read, added up (each read recorded once, with its length)")
                .isEqualTo(hosts.responseFor("so1n.me").length);
        assertThat(reads.get(reads.size() - 1).bytes()).as("the bytes of the last read recorded: the end of the stream,"
                + " a read of -1, is recorded too (as 0)").isZero();
        assertThat(reads.subList(0, reads.size() - 1).stream().filter(e -> e.bytes() == 0).count())
                .as("reads of 0 bytes recorded before the end of the stream (a read that found nothing is an empty poll,"
                        + " not a read to record)").isZero();
    }

    @Test
    void receives_a_several_mib_body_byte_for_byte() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE), "github.com", Duration.ofSeconds(3));

        assertAnsweredWithAllItSent(run, "github.com");
    }

    @Test
    void a_poll_that_finds_nothing_yet_is_an_empty_poll_not_the_end() throws IOException {
        hosts = LocalHosts.builder().noLatency().fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(1)).start();
        Target target = hosts.targets().stream().filter(t -> t.host().equals("google.com")).findFirst().orElseThrow();
        StageRun run = StageRun.capturing(List.of(target), StageRun.Settings.withTimeout(Duration.ofSeconds(3)).maxTime(Duration.ofSeconds(5)));
        PollingClient.Request request = new PollingClient.Request(run.targets().get(0), run);
        channel = sentByTheTest(request, run.targets().get(0));

        pollUntilDone(request, run, BOUND);

        assertAnsweredWithAllItSent(run, "google.com");
        assertThat(run.events().readsOf("google.com")).as("reads recorded for an answer sent a byte at a time").isGreaterThan(2);
        assertThat(request.emptyPolls).as("polls the stage counted empty (pollRead returned false: nothing had arrived)")
                .isPositive();
    }

    @Test
    void bytes_that_arrive_are_progress_so_a_slow_but_steady_host_is_not_given_up_on() throws IOException {
        // A byte every 3 ms, about 300 bytes: over the 500 ms timeout in all, though no single wait comes near it.
        StageRun run = readOne(LocalHosts.builder().noLatency().fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(3)),
                "google.com", Duration.ofMillis(500));

        assertAnsweredWithAllItSent(run, "google.com");
    }

    @Test
    void a_host_that_never_answers_is_given_up_on_after_the_timeout() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency().fault("baidu.com", Fault.SILENT), "baidu.com", Duration.ofMillis(500));

        assertThat(outcome(run, "baidu.com").failure()).as("how a request to a silent host ended: after 500 ms without a"
                + " byte, not at the 5 s limit of the whole request (a read of 0 bytes is no progress)").startsWith("timed out");
    }

    @Test
    void a_host_that_keeps_the_connection_open_is_reported_with_the_status_line_it_sent() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency().fault("github.com", Fault.UNCLOSED), "github.com", Duration.ofMillis(500));

        assertThat(outcome(run, "github.com").failure()).as("how a request to a host that never closes ended: each read"
                + " recorded with run.read(target, chunk.array(), length), so that the failure quotes what arrived")
                .startsWith("timed out")
                .contains("after " + hosts.responseFor("github.com").length + " bytes, status line \"HTTP/1.1 301 Moved Permanently\"");
    }

    @Test
    void a_host_that_resets_the_connection_is_reported_once_as_failed() throws IOException {
        StageRun run = readOne(LocalHosts.builder().noLatency().fault("github.com", Fault.RESET), "github.com", Duration.ofSeconds(3));

        assertThat(outcome(run, "github.com").failure()).as("how a request to a host that resets the connection ended")
                .startsWith("the server reset the connection");
    }
}
