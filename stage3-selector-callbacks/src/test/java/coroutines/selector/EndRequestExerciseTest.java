package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.1: {@link EventLoop#endRequest}, the article's {@code unregister} and
 * {@code running_cnt -= 1}. The loop here runs callbacks written by the test, on sockets
 * connected to the local hosts, so that only the loop's own code is under test.
 *
 * <p>Wrong answers these tests catch: the counter not lowered (the loop never ends); lowered on
 * every call, so that a request ended twice ends the loop while another still runs; the channel
 * left open; the key left registered.
 */
@Tag("exercise")
@Tag("exercise-3.1")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class EndRequestExerciseTest extends OnLocalSockets {

    @Test
    void an_ended_request_leaves_the_selector_closed_and_the_loop_ends_when_none_is_left() throws IOException {
        hosts = LocalHosts.builder().noLatency().start();
        run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));
        List<String> seenInCallback = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            SocketChannel channel = connected("so1n.me");
            SelectionKey[] key = new SelectionKey[1];
            key[0] = loop.startRequest(channel, SelectionKey.OP_WRITE, target("so1n.me"), () -> {
                loop.endRequest(key[0]);
                seenInCallback.add("valid=" + key[0].isValid() + " open=" + channel.isOpen() + " ended=" + EventLoop.ended(key[0]));
            });

            loop.runWhileRunning();

            assertThat(seenInCallback).containsExactly("valid=false open=false ended=true");
        }
    }

    @Test
    void a_request_ended_twice_counts_down_once_and_the_loop_waits_for_the_other() throws IOException {
        hosts = LocalHosts.builder().noLatency().start();
        run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));
        List<String> callbacksRun = new ArrayList<>();
        try (EventLoop loop = new EventLoop(run)) {
            SelectionKey[] keys = new SelectionKey[2];
            // The second request waits for nothing until the first has ended (twice): then it can write.
            keys[1] = loop.startRequest(connected("github.com"), 0, target("github.com"), () -> {
                callbacksRun.add("github.com");
                loop.endRequest(keys[1]);
            });
            keys[0] = loop.startRequest(connected("so1n.me"), SelectionKey.OP_WRITE, target("so1n.me"), () -> {
                callbacksRun.add("so1n.me");
                loop.endRequest(keys[0]);
                loop.endRequest(keys[0]);
                loop.waitFor(keys[1], SelectionKey.OP_WRITE, () -> {
                    callbacksRun.add("github.com");
                    loop.endRequest(keys[1]);
                });
            });

            loop.runWhileRunning();

            assertThat(callbacksRun).containsExactly("so1n.me", "github.com");
        }
    }

    private SocketChannel connected(String host) throws IOException {
        SocketChannel channel = open(host);
        channel.configureBlocking(false);
        return channel;
    }
}
