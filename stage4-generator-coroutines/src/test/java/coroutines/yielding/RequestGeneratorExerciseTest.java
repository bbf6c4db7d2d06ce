package coroutines.yielding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coroutines.testbed.Client;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.ByteText;
import coroutines.testkit.SlowReadingPeer;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 4.3: the body of {@code GeneratorClient.request}, one host's request as a generator:
 * stage 1's code, with a {@code yield} of what it waits for wherever stage 1 blocked. Some tests
 * run the whole stage with its selector loop; others run the body in a loop of the tests' own
 * ({@link ResumingLoop}), which sees from outside what the body waits for and how often it is
 * resumed. They check that every host answers byte for byte, the four together; that a request
 * far larger than the socket's buffers is sent whole, waiting while the send buffer is full, and
 * recorded as sent once; that a silent host's body sleeps until its timeout is thrown in, without
 * being resumed; that a wake-up with nothing to read makes the body wait again; that each step is
 * recorded once, in order, each read with its bytes, the last one the end; and that a failing host
 * fails alone.
 */
@Tag("exercise")
@Tag("exercise-4.3")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RequestGeneratorExerciseTest {

    /** Far more than the kernel's send buffer (4 MiB at most here) and the peer's receive buffer together. */
    private static final int LARGE_REQUEST = 8 * 1024 * 1024;

    @Test
    void every_host_answers_byte_for_byte_the_one_that_trickles_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().partPause(Duration.ofMillis(20))
                .fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(1)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(10));

            executeBounded(run, GeneratorStage.STAGE.client());

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertAnsweredByteForByte(run, hosts, host);
                assertThat(run.events().kindsOf(host)).as(host + "'s events: connecting, connected, sent, the reads, the end")
                        .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT).endsWith(Event.Kind.END);
            }
            assertThat(hosts.requestsReceived()).as("the request baidu.com received, byte for byte the article's")
                    .contains("GET http://baidu.com HTTP/1.0\r\nHost: baidu.com\r\n\r\n");
        }
    }

    @Test
    void all_four_requests_are_in_flight_together_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(5)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(10));

            executeBounded(run, GeneratorStage.STAGE.client());

            assertThat(run.answeredCount()).as("hosts answered: none answers until all four requests have arrived,"
                    + " so a body that holds the loop while it waits keeps the others from sending\n" + run.output())
                    .isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT))
                    .as("every request sent before any answer is read").isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD) // 8 MiB, a few KiB per wake-up
    void a_request_far_larger_than_the_socket_buffers_is_sent_whole_waiting_while_the_buffer_is_full() throws IOException {
        byte[] request = SlowReadingPeer.filler(LARGE_REQUEST);
        byte[] answer = "HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nsent".getBytes(StandardCharsets.US_ASCII);
        try (SlowReadingPeer peer = SlowReadingPeer.start(request.length, answer)) {
            StageRun run = StageRun.capturing(List.of(peer.target("big.example")), Duration.ofSeconds(5));
            ResumingLoop loop = ResumingLoop.of((target, r) -> GeneratorClient.request(target, r, request));

            executeBounded(run, loop, Duration.ofSeconds(25));

            ByteText.assertSameBytes("what the peer received: every byte of the 8 MiB request, once, in order"
                    + " (a write may take only part: the rest must follow)", peer.received(Duration.ofSeconds(5)), request);
            assertThat(run.outcome("big.example").failure()).as("how the request ended").isNull();
            ByteText.assertSameBytes("the response", run.outcome("big.example").response(), answer);
            assertThat(loop.waitsFor("big.example", SelectionKey.OP_WRITE))
                    .as("waits for OP_WRITE: the send buffer fills long before 8 MiB are taken, and a write that takes"
                            + " nothing must wait until the socket can be written, not try again at once")
                    .isPositive();
            assertThat(loop.writeWaitsAfterSent("big.example"))
                    .as("waits to write after \"sent\" was recorded: record it once all is sent, not before").isZero();
            assertThat(run.events().kindsOf("big.example")).as("events: \"sent\" is recorded once, when all is sent")
                    .containsOnlyOnce(Event.Kind.SENT)
                    .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT);
        }
    }

    @Test
    void a_silent_host_s_body_sleeps_until_its_timeout_is_thrown_in() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.SILENT).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofMillis(1000));
            ResumingLoop loop = ResumingLoop.of(GeneratorClient::request);

            executeBounded(run, loop);

            assertThat(run.outcome("so1n.me").failure()).as("the silent host's end: its timeout thrown in where it waits")
                    .startsWith("timed out");
            assertThat(loop.resumesOf("so1n.me"))
                    .as("times the silent host's body was resumed (start, connect, perhaps a send, the timeout): a wait"
                            + " for what is always ready, such as OP_WRITE where a read is meant, wakes it over and over"
                            + " (waits it yielded: " + loop.waitsOf("so1n.me") + ", 1 = OP_READ, 4 = OP_WRITE, 8 = OP_CONNECT)")
                    .isLessThanOrEqualTo(6);
            for (String host : List.of("github.com", "google.com", "baidu.com")) {
                assertAnsweredByteForByte(run, hosts, host);
            }
            assertThat(loop.socketsLeftOpen())
                    .as("sockets left open after the run: each request closes its own, the one timed out at its yield too")
                    .isZero();
        }
    }

    @Test
    void a_body_woken_with_nothing_to_read_waits_again() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(5));
            ResumingLoop loop = ResumingLoop.wakingReadsEarly(GeneratorClient::request);

            executeBounded(run, loop);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).failure()).as(host + " should have answered: this loop wakes each wait to"
                        + " read once before anything has arrived, as a selector may, and a read of 0 bytes means"
                        + " \"nothing yet\", only -1 the end").isNull();
                assertAnsweredByteForByte(run, hosts, host);
            }
            assertThat(loop.socketsLeftOpen()).as("sockets left open after the run: each request closes its own").isZero();
        }
    }

    @Test
    void each_step_is_recorded_once_in_order_each_read_with_its_bytes_the_last_one_the_end() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofSeconds(5));

            executeBounded(run, ResumingLoop.of(GeneratorClient::request));

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                List<Event> events = run.events().of(host);
                List<Event.Kind> kinds = events.stream().map(Event::kind).toList();
                assertThat(kinds).as(host + "'s events: connecting, connected and sent once each, then the reads, then the end")
                        .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT)
                        .containsOnlyOnce(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT)
                        .endsWith(Event.Kind.READ, Event.Kind.END);
                List<Event> reads = events.stream().filter(e -> e.kind() == Event.Kind.READ).toList();
                assertThat(reads.stream().mapToLong(Event::bytes).sum())
                        .as(host + ": the bytes of every read recorded add up to the response (record each read with its length)")
                        .isEqualTo(hosts.responseFor(host).length);
                assertThat(reads.get(reads.size() - 1).bytes())
                        .as(host + ": the last read recorded is the end of the stream (-1, recorded as 0 bytes), as stage 1 records it")
                        .isZero();
            }
        }
    }

    @Test
    void a_host_that_keeps_the_connection_open_is_reported_with_the_status_line_it_sent() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.UNCLOSED).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofMillis(800));

            executeBounded(run, GeneratorStage.STAGE.client());

            assertThat(run.outcome("github.com").failure())
                    .as("how github.com, which sent its whole answer and never closed, failed: the run quotes what"
                            + " arrived from the chunks each read recorded (run.read with the buffer and the length read)")
                    .startsWith("timed out").contains("after "
                    + hosts.responseFor("github.com").length + " bytes, status line \"HTTP/1.1 301 Moved Permanently\"");
            assertThat(run.answeredCount()).as("the other hosts answered").isEqualTo(3);
        }
    }

    @Test
    void a_silent_host_is_timed_out_at_its_yield_and_a_refused_one_fails_alone() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.SILENT)
                .fault("baidu.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), Duration.ofMillis(800));

            executeBounded(run, GeneratorStage.STAGE.client());

            assertThat(run.outcome("so1n.me").failure()).as("the silent host").startsWith("timed out");
            assertThat(run.outcome("baidu.com").failure()).as("the refused host: finishConnect raises the refusal")
                    .startsWith("connection refused");
            assertThat(run.events().kindsOf("baidu.com")).as("the refused host's events: it never connected,"
                    + " so \"connected\" is recorded only once finishConnect has said so").doesNotContain(Event.Kind.CONNECTED);
            for (String host : List.of("github.com", "google.com")) {
                assertAnsweredByteForByte(run, hosts, host);
            }
        }
    }

    /**
     * Runs the client, but gives up after a few seconds: a body that never yields (a read or a write
     * retried at once) holds the loop's thread, and nothing else would end the run. The hosts close
     * after the test, which ends such a body.
     */
    private static void executeBounded(StageRun run, Client client) {
        executeBounded(run, client, Duration.ofSeconds(7));
    }

    private static void executeBounded(StageRun run, Client client, Duration bound) {
        assertTimeoutPreemptively(bound, () -> run.execute(client, false),
                () -> "the run did not end: a body that reads or writes again and again without yielding never lets"
                        + " the loop run, and a host that is silent or slow never ends it (yield a wait before each"
                        + " read, and when a write takes nothing)");
    }

    private static void assertAnsweredByteForByte(StageRun run, LocalHosts hosts, String host) {
        assertThat(run.outcome(host).failure()).as(host + " should have answered, but failed").isNull();
        ByteText.assertSameBytes(host + "'s response", run.outcome(host).response(), hosts.responseFor(host));
    }
}
