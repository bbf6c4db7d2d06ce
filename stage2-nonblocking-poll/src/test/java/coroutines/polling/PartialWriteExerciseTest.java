package coroutines.polling;

import static coroutines.polling.PollOnceExercises.pollUntilDone;
import static coroutines.polling.PollOnceExercises.target;
import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 2.2: {@code PollingClient.Request.pollWrite}, a non-blocking write that may take only
 * part of the bytes. The article's request always fits in the socket's buffer; a request of many
 * MiB does not, and shows what the exercise is about.
 *
 * <p>Wrong answers these tests catch: one write and on to reading (the server never gets the rest
 * and never answers); done once something was written instead of once nothing is left; recording
 * "sent" for each part instead of once.
 */
@Tag("exercise")
@Tag("exercise-2.2")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartialWriteExerciseTest {

    /** Far more than any socket buffer holds, so the first write takes only part. */
    private static final int BIG = 16 * 1024 * 1024;
    private static final byte[] ANSWER = "HTTP/1.0 200 OK\r\n\r\nall of it arrived".getBytes(StandardCharsets.US_ASCII);

    private ServerSocket server;
    private LocalHosts hosts;

    @AfterEach
    void closeServers() throws IOException {
        if (server != null) {
            server.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void sends_the_articles_request_whole() throws IOException {
        hosts = LocalHosts.builder().noLatency().start();
        Run run = Run.capturing(List.of(target(hosts, "so1n.me")), Duration.ofSeconds(10));

        pollUntilDone(new PollingClient.Request(run.targets().get(0), run));

        assertThat(hosts.requestsReceived()).containsExactly("GET http://so1n.me HTTP/1.0\r\nHost: so1n.me\r\n\r\n");
        assertThat(run.outcome("so1n.me").response()).isEqualTo(hosts.responseFor("so1n.me"));
    }

    @Test
    void a_request_bigger_than_the_socket_takes_at_once_arrives_whole_over_several_polls() throws Exception {
        byte[] request = new byte[BIG];
        for (int i = 0; i < request.length; i++) {
            request[i] = (byte) ('a' + i % 26);
        }
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAllThenAnswer(server, BIG));
        Target target = new Target("so1n.me", (InetSocketAddress) server.getLocalSocketAddress());
        Run run = Run.capturing(List.of(target), Duration.ofSeconds(5));

        pollUntilDone(new PollingClient.Request(run.targets().get(0), run, request));

        assertThat(run.outcome("so1n.me").failure()).as("how the request ended").isNull();
        assertThat(received.get(30, TimeUnit.SECONDS)).as("what the server received").isEqualTo(request);
        assertThat(run.outcome("so1n.me").response()).isEqualTo(ANSWER);
        assertThat(run.events().kindsOf("so1n.me")).containsOnlyOnce(Event.Kind.SENT);
    }

    /** Reads {@code expected} bytes from one connection (fewer if it ends first), answers, and closes. */
    private static byte[] readAllThenAnswer(ServerSocket server, int expected) {
        try (Socket connection = server.accept()) {
            InputStream in = connection.getInputStream();
            byte[] got = new byte[expected];
            int total = 0;
            while (total < expected) {
                int n = in.read(got, total, expected - total);
                if (n == -1) {
                    return Arrays.copyOf(got, total);
                }
                total += n;
            }
            OutputStream out = connection.getOutputStream();
            out.write(ANSWER);
            out.flush();
            return got;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
