package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.2: {@link EventLoop#runWhileRunning}, the article's
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}, with a deadline
 * on every wait. The callbacks are the test's: each sends a request on a socket connected to a
 * local host, then waits for its answer.
 *
 * <p>Wrong answers these tests catch: {@code selectNow()} or a tiny timeout in a loop (the loop
 * spins instead of sleeping: far more wake-ups than callbacks); {@code select()} with no timeout
 * (a silent host is never given up on); the expired waits never failed; the loop left while
 * requests still run, or never left.
 */
@Tag("exercise")
@Tag("exercise-3.2")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class SelectLoopExerciseTest extends OnLocalSockets {

    @Test
    void runs_each_callback_when_its_socket_is_ready_and_sleeps_in_between() throws IOException {
        hosts = LocalHosts.builder().latency("so1n.me", Duration.ofMillis(300)).latency("github.com", Duration.ofMillis(100)).start();
        run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));
        List<String> answered = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            for (String host : List.of("so1n.me", "github.com")) {
                startReading(loop, host, answered);
            }

            loop.runWhileRunning();

            assertThat(answered).containsExactly("github.com", "so1n.me");
            EventLoop.Counts counts = loop.counts();
            // A loop that sleeps in select() wakes once per ready socket, give or take a few; one that spins, thousands of times.
            assertThat(counts.wakeUps()).as("wake-ups for %d callbacks", counts.callbacks()).isLessThanOrEqualTo(counts.callbacks() + 3);
        }
    }

    @Test
    void a_wait_that_sees_nothing_for_the_timeout_fails_that_request_and_the_others_go_on() throws IOException {
        hosts = LocalHosts.builder().noLatency().fault("google.com", Fault.SILENT).start();
        run = Run.capturing(hosts.targets(), Duration.ofMillis(800));
        List<String> answered = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            for (String host : List.of("google.com", "baidu.com")) {
                startReading(loop, host, answered);
            }

            loop.runWhileRunning();

            assertThat(answered).containsExactly("baidu.com");
            assertThat(run.outcome("google.com").failure()).startsWith("timed out");
        }
    }

    /** Connects (blocking, before the loop), sends the request, and waits in the loop for the whole answer. */
    private void startReading(EventLoop loop, String host, List<String> answered) throws IOException {
        SocketChannel channel = open(host);
        channel.write(ByteBuffer.wrap(("GET http://" + host + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        SelectionKey[] key = new SelectionKey[1];
        key[0] = loop.startRequest(channel, SelectionKey.OP_READ, target(host), () -> {
            chunk.clear();
            if (channel.read(chunk) == -1) {
                loop.endRequest(key[0]);
                answered.add(host);
            }
        });
    }
}
