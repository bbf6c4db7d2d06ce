package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import coroutines.testkit.SlowReadingPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 5.5: {@code HttpRequest.readResponse}, the article's {@code read_response}: stage 1's
 * read loop, with {@code yieldFrom(read())} where stage 1 called {@code recv}. The whole stage
 * runs; its Tasks, futures and loop are the stage's (and exercises 5.1 to 5.3's).
 *
 * <p>The tests check that every host's response arrives byte for byte, in order, however many
 * chunks it comes in (one byte at a time, or a binary body of many chunks); that the request ends
 * once the server has closed (a request still reading is stopped by the run's {@code --max-time});
 * that each chunk is read by {@code read()} itself, so that a failure inside it (the one
 * {@code --fail-in} puts there) comes out of the request; and that a host that resets the
 * connection fails while the others answer.
 */
@Tag("exercise")
@Tag("exercise-5.5")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ReadResponseExerciseTest {

    /** Far above what these small loopback requests take; a request still reading after it has not stopped at the end. */
    private static final StageRun.Settings SETTINGS = StageRun.Settings.withTimeout(Duration.ofSeconds(5)).maxTime(Duration.ofSeconds(6));

    private static void assertAnswered(StageRun run, String host, byte[] expected) {
        String failure = run.outcome(host).failure();
        String why = failure != null && failure.contains("--max-time")
                ? "the request never ended: readResponse must return once read() gives an empty chunk, the end of the stream"
                : "the run judges the bytes readResponse returned: a chunk lost, kept twice or out of order shows here";
        assertThat(failure).as("how the request to %s failed (%s)", host, why).isNull();
        ByteText.assertSameBytes("the response of " + host + " (every chunk, in order)", run.outcome(host).response(), expected);
    }

    @Test
    void every_host_answers_byte_for_byte_the_trickling_one_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("google.com", Fault.TRICKLE)
                .trickleDelay(Duration.ofMillis(1)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(TaskStage.STAGE.client(), false);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertAnswered(run, host, hosts.responseFor(host));
                assertThat(run.events().kindsOf(host)).as("what happened to %s, in order: reads, then the end", host)
                        .endsWith(Event.Kind.READ, Event.Kind.END);
            }
        }
    }

    @Test
    void a_binary_response_of_many_chunks_arrives_byte_for_byte_in_order() throws IOException {
        byte[] body = new byte[200 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i + i / 251); // every byte value, and no chunk like another: a lost or moved one shows
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        answer.writeBytes(body);
        String host = "binary.test";
        int requestBytes = ("GET http://" + host + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").length();
        try (SlowReadingPeer peer = SlowReadingPeer.start(requestBytes, answer.toByteArray())) {
            Target target = peer.target(host);
            StageRun run = StageRun.capturing(List.of(target), SETTINGS);

            run.execute(TaskStage.STAGE.client(), false);

            assertAnswered(run, host, answer.toByteArray());
        }
    }

    @Test
    void a_failure_inside_read_comes_out_of_the_request() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS.failIn("github.com"));

            run.execute(TaskStage.STAGE.client(), false);

            assertThat(run.outcome("github.com").failure())
                    .as("how github.com's request failed: --fail-in puts a bug in read() after its wait, which only a read()"
                            + " run to its end by yieldFrom reaches")
                    .isNotNull().contains("a bug in read");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertAnswered(run, host, hosts.responseFor(host));
            }
        }
    }

    @Test
    void a_host_that_resets_the_connection_fails_and_the_others_still_answer() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.RESET).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(TaskStage.STAGE.client(), false);

            assertThat(run.outcome("baidu.com").failure())
                    .as("how baidu.com's request failed: a read that fails must fail the request, not end it with what came so far")
                    .isNotNull().startsWith("the server reset the connection");
            for (String host : List.of("so1n.me", "github.com", "google.com")) {
                assertAnswered(run, host, hosts.responseFor(host));
            }
        }
    }
}
