package coroutines.tasks;

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
 * Exercise 5.5: {@code HttpRequest.readResponse}, the article's {@code read_response}: stage 1's
 * read loop, with {@code yieldFrom(read())} where stage 1 called {@code recv}. The whole stage
 * runs; its Tasks, futures and loop are the stage's (and exercises 5.1 to 5.4's).
 *
 * <p>Wrong answers these tests catch: one read only (a body over one chunk is cut); the loop
 * never stopped at the empty chunk that means the end (the request never ends: the test's
 * timeout, on a thread of its own, fails it); the chunks kept in the wrong order or the first one
 * lost; a failing read swallowed (the host answers with part of its response).
 */
@Tag("exercise")
@Tag("exercise-5.5")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ReadResponseExerciseTest {

    @Test
    void every_host_answers_byte_for_byte_the_big_and_the_slow_ones_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE)
                .fault("google.com", Fault.TRICKLE).trickleDelay(Duration.ofMillis(1)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(TaskClient.STAGE.client(), false);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                byte[] expected = hosts.responseFor(host);
                assertThat(run.outcome(host).failure()).as(host).isNull();
                assertThat(run.outcome(host).response()).as(host).hasSize(expected.length).isEqualTo(expected);
                assertThat(run.events().kindsOf(host)).as(host).endsWith(Event.Kind.READ, Event.Kind.END);
            }
        }
    }

    @Test
    void a_host_that_resets_the_connection_fails_and_the_others_still_answer() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.RESET).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(TaskClient.STAGE.client(), false);

            assertThat(run.outcome("baidu.com").failure()).startsWith("the server reset the connection");
            for (String host : List.of("so1n.me", "github.com", "google.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
        }
    }
}
