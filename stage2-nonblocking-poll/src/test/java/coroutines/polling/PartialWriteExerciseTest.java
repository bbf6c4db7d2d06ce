package coroutines.polling;

import static coroutines.polling.PollOnceExercises.articleRequest;
import static coroutines.polling.PollOnceExercises.pollWhileSending;
import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import coroutines.testkit.SlowReadingPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 2.2: {@code PollingClient.Request.pollWrite}, a non-blocking write that may take only
 * part of the bytes. The article's request always fits in the socket's buffer; a request of many
 * MiB, sent to a peer that takes it a few KiB at a time, does not, and shows what the exercise is
 * about. The request is polled on the test's thread while it connects and sends; reading (exercise
 * 2.1) is never reached: the test stops once the request has moved on to it.
 *
 * <p>The tests check that the peer receives the request whole and in order, that the request moves
 * on to reading only once nothing is left to write, that "sent" is recorded exactly once and only
 * then, that a poll that wrote part of the request counts as progress, and that a poll that wrote
 * nothing does not (so a host that never reads is given up on after the timeout).
 */
@Tag("exercise")
@Tag("exercise-2.2")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PartialWriteExerciseTest {

    /**
     * Far more than any socket buffer holds (the send buffer tops out at 4 MiB), so no write takes
     * it all. The peer takes about 2 MiB a second: sending it lasts a few seconds.
     */
    private static final int BIG = 8 * 1024 * 1024;
    /** The longest a whole request may take here: generous, the peer is slow on purpose. */
    private static final Duration MAX_TIME = Duration.ofSeconds(12);
    /** Longer than any run's own limit here: past it, the test ends the request. */
    private static final Duration BOUND = Duration.ofSeconds(15);
    /** How long the peer may still take to read what was sent, once the request has closed its socket. */
    private static final Duration PEER_WITHIN = Duration.ofSeconds(8);
    private static final byte[] ANSWER = "HTTP/1.0 200 OK\r\n\r\nall of it arrived".getBytes(StandardCharsets.US_ASCII);

    private SlowReadingPeer peer;
    private LocalHosts hosts;
    private PollingClient.Request request;

    @AfterEach
    void closeAll() throws IOException {
        if (request != null) {
            request.closeSocket();
        }
        if (peer != null) {
            peer.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static StageRun runFor(Target target, Duration timeout, Duration maxTime) {
        return StageRun.capturing(List.of(target), StageRun.Settings.withTimeout(timeout).maxTime(maxTime));
    }

    /** Sends {@code bytes} to a slow-reading peer; returns how many polls wrote part of them. */
    private int sendToSlowPeer(StageRun run, byte[] bytes) {
        request = new PollingClient.Request(run.targets().get(0), run, bytes);
        return pollWhileSending(request, run, BOUND);
    }

    private void assertSentWholeThenReading(StageRun run, byte[] sent) {
        Target target = run.targets().get(0);
        assertThat(run.outcome(target)).as("the request's report while it should be reading (null: none yet; a"
                + " failure says why sending failed)").isNull();
        assertThat(request.step).as("the request's step once it stopped sending").isEqualTo(PollingClient.Request.Step.READING);
        // Done sending: closing lets the peer see the end of what was sent (the kernel still delivers it all).
        request.closeSocket();
        ByteText.assertSameBytes("what the peer received", peer.received(PEER_WITHIN), sent);
        assertThat(run.events().kindsOf(target).stream().filter(kind -> kind == Event.Kind.SENT).count())
                .as("how many times run.sent was recorded (once, when nothing is left)").isEqualTo(1);
    }

    @Test
    void sends_the_articles_request_whole_then_moves_on_to_reading() throws IOException {
        byte[] request = articleRequest("so1n.me");
        peer = SlowReadingPeer.start(request.length, ANSWER);
        StageRun run = runFor(peer.target("so1n.me"), Duration.ofSeconds(2), MAX_TIME);

        sendToSlowPeer(run, request);

        assertSentWholeThenReading(run, request);
    }

    @Test
    void a_request_bigger_than_the_socket_takes_at_once_arrives_whole_over_several_polls() throws IOException {
        byte[] big = SlowReadingPeer.filler(BIG);
        peer = SlowReadingPeer.start(BIG, ANSWER);
        StageRun run = runFor(peer.target("so1n.me"), Duration.ofSeconds(2), MAX_TIME);

        int writesThatMoved = sendToSlowPeer(run, big);

        assertSentWholeThenReading(run, big);
        assertThat(writesThatMoved).as("polls that wrote part of a " + BIG / (1024 * 1024) + " MiB request, as the"
                + " stage counts them (pollWrite returned true: the write took some bytes)").isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_write_of_nothing_is_no_progress_so_a_host_that_never_reads_is_given_up_on() throws IOException {
        hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.DEAF).start();
        Target target = hosts.targets().stream().filter(t -> t.host().equals("baidu.com")).findFirst().orElseThrow();
        StageRun run = runFor(target, Duration.ofMillis(500), Duration.ofSeconds(3));
        request = new PollingClient.Request(run.targets().get(0), run, SlowReadingPeer.filler(BIG));

        pollWhileSending(request, run, Duration.ofSeconds(6));

        assertThat(request.step).as("the step of a request to a host that never reads, once polling stopped: it can"
                + " never send it all, so it cannot move on to reading; it ends (DONE) when given up on")
                .isEqualTo(PollingClient.Request.Step.DONE);
        assertThat(run.outcome("baidu.com")).as("the report of a request to a host that never reads").isNotNull();
        assertThat(run.outcome("baidu.com").failure()).as("how a request to a host that never reads ended: after 500 ms"
                + " in which no write took a byte, not at the 3 s limit of the whole request (a write of 0 bytes is no"
                + " progress)").startsWith("timed out");
        assertThat(request.emptyPolls).as("polls the stage counted empty (pollWrite returned false: the write took"
                + " nothing)").isPositive();
    }
}
