package coroutines.polling;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.StageContract;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stage 2 keeps the contract of every stage, and shows what only it does: one thread that polls. */
class PollingClientTest extends StageContract {

    PollingClientTest() {
        super(PollingStage.STAGE, Requests.IN_FLIGHT_TOGETHER, JShellSessions.NONE);
    }

    @Test
    void starts_every_connect_before_any_host_is_connected() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder(), GENEROUS);

        assertThat(run.events().all().subList(0, 4)).extracting(Event::kind).containsOnly(Event.Kind.CONNECTING);
    }

    @Test
    void runs_every_request_on_the_one_thread_that_called_it() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().gate(4, Duration.ofSeconds(20)), GENEROUS);

        assertThat(run.answeredCount()).isEqualTo(4);
        assertThat(run.events().threads()).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void counts_the_polls_that_came_back_empty_for_each_host() throws IOException {
        // Behind the gate no host can answer before all four requests are sent, so every host's
        // first read comes back empty at least once: the count cannot be zero.
        StageRun run = runAgainst(LocalHosts.builder().gate(4, Duration.ofSeconds(20)), GENEROUS);

        assertThat(run.answeredCount()).isEqualTo(4);
        for (String host : LocalHosts.ARTICLE_HOSTS) {
            assertThat(run.output()).containsPattern("(?m)^" + host.replace(".", "\\.") + ": [1-9][0-9,]* polls came back empty$");
        }
    }
}
