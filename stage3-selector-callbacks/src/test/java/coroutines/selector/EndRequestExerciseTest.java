package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.1: {@link EventLoop#endRequest}, the article's {@code unregister} and
 * {@code running_cnt -= 1}. The tests start requests on connected loopback sockets and end them
 * by calling {@code endRequest} themselves, without running the loop: an ended request's key
 * leaves the selector, its channel is closed, one less request runs, the other requests are left
 * alone, and a request ended a second time changes nothing.
 */
@Tag("exercise")
@Tag("exercise-3.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class EndRequestExerciseTest extends OnLocalSockets {

    // The callbacks never run: these tests do not run the loop.
    private static final EventLoop.Callback NEVER_CALLED = () -> {
        throw new AssertionError("the loop ran a callback, but these tests never run the loop");
    };

    private EventLoop loop;
    private Pair first;
    private Pair second;
    private SelectionKey firstKey;
    private SelectionKey secondKey;

    @BeforeEach
    void twoRequestsRunning() throws IOException {
        runOver(Duration.ofSeconds(10), "so1n.me", "github.com");
        loop = new EventLoop(run);
        first = pair();
        second = pair();
        firstKey = loop.startRequest(first.client(), SelectionKey.OP_READ, target("so1n.me"), NEVER_CALLED);
        secondKey = loop.startRequest(second.client(), SelectionKey.OP_READ, target("github.com"), NEVER_CALLED);
        assertThat(loop.running).as("requests running after two startRequest calls (the test's own setup)").isEqualTo(2);
    }

    @AfterEach
    void closeLoop() throws IOException {
        loop.close();
    }

    @Test
    void an_ended_request_leaves_the_selector_with_its_channel_closed_and_one_less_runs() throws IOException {
        loop.endRequest(firstKey);

        assertThat(firstKey.isValid()).as("the ended request's key is still registered with the selector (valid)").isFalse();
        assertThat(first.client().isOpen()).as("the ended request's channel is still open").isFalse();
        assertThat(firstKey.attachment()).as("the ended request's key data (the key's attachment): the loop still reads it"
                + " to report the request").isNotNull();
        assertThat(ended(firstKey)).as("the ended request's key data says it has ended").isTrue();
        assertThat(loop.running).as("requests running after one of two has ended").isEqualTo(1);
        assertThat(secondKey.isValid()).as("the other request's key is still registered").isTrue();
        assertThat(second.client().isOpen()).as("the other request's channel is still open").isTrue();
        assertThat(ended(secondKey)).as("the other request is not marked as ended").isFalse();
    }

    @Test
    void a_request_ended_twice_counts_down_once() throws IOException {
        loop.endRequest(firstKey);
        loop.endRequest(firstKey); // a callback ended it, then threw: the loop ends it again

        assertThat(loop.running).as("requests running after one of two was ended twice (the second end must change nothing)").isEqualTo(1);
        assertThat(ended(firstKey)).as("the request ended twice is still marked as ended").isTrue();

        loop.endRequest(secondKey);

        assertThat(loop.running).as("requests running once both have ended").isZero();
    }

    @Test
    void a_request_whose_channel_is_already_closed_still_counts_down() throws IOException {
        // The JDK closes a channel whose connect failed, which cancels its key: the request has not ended for the loop yet.
        first.client().close();

        loop.endRequest(firstKey);

        assertThat(loop.running).as("requests running after ending one whose channel (and key) were already closed").isEqualTo(1);
        assertThat(ended(firstKey)).as("the request is marked as ended").isTrue();
    }

    @Test
    void every_request_ended_brings_the_count_to_zero() throws IOException {
        loop.endRequest(secondKey);
        loop.endRequest(firstKey);
        loop.endRequest(secondKey);

        assertThat(loop.running).as("requests running once both have ended, one of them twice").isZero();
        assertThat(firstKey.isValid() || secondKey.isValid()).as("a key still registered after its request ended").isFalse();
        assertThat(first.client().isOpen() || second.client().isOpen()).as("a channel still open after its request ended").isFalse();
    }
}
