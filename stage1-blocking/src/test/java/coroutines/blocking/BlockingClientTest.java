package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.StageContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stage 1 keeps the contract of every stage, and shows what only it does: one host at a time. */
class BlockingClientTest extends StageContract {

    BlockingClientTest() {
        super(BlockingStage.STAGE, Requests.ONE_AFTER_ANOTHER, JShellSessions.NONE);
    }

    @Test
    void finishes_each_host_before_it_connects_to_the_next() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

        List<Event> events = run.events().all();
        List<String> hostsInOrderOfEvents = events.stream().map(Event::host).distinct().toList();
        assertThat(hostsInOrderOfEvents).containsExactlyElementsOf(LocalHosts.ARTICLE_HOSTS);
        // Each host's events form one unbroken block: no interleaving at all.
        for (int i = 1; i < events.size(); i++) {
            if (!events.get(i).host().equals(events.get(i - 1).host())) {
                assertThat(events.get(i - 1).kind()).isEqualTo(Event.Kind.END);
                assertThat(events.get(i).kind()).isEqualTo(Event.Kind.CONNECTING);
            }
        }
    }

    @Test
    void runs_on_the_one_thread_that_called_it() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

        assertThat(run.events().threads()).containsExactly(Thread.currentThread().getName());
    }
}
