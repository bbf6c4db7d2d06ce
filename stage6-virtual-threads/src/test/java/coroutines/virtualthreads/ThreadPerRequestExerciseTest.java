package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 6.3: {@link VirtualThreadClient#startEach}, the stage's whole idea: stage 1's code,
 * unchanged, on a thread of its own per request. The gate opens only once all four requests
 * have arrived, so requests run one after another never get an answer.
 *
 * <p>Wrong answers these tests catch: the requests run one after another on one thread (the gate
 * never opens); all of them in one task; waiting for each before starting the next
 * ({@code submit(...).get()}); stage 1's loop called instead of one request per thread.
 */
@Tag("exercise")
@Tag("exercise-6.3")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadPerRequestExerciseTest {

    @Test
    void has_all_four_requests_in_flight_together_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(20)).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(VirtualThreadClient.STAGE.client(), false);

            assertThat(run.answeredCount()).as(run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    void each_request_runs_on_a_virtual_thread_of_its_own() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start()) {
            Run run = Run.capturing(hosts.targets(), Duration.ofSeconds(10));

            run.execute(VirtualThreadClient.STAGE.client(), false);

            assertThat(run.outcome("github.com").failure()).startsWith("connection refused");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts.responseFor(host));
            }
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                Set<String> threads = run.events().of(host).stream().map(Event::thread).collect(Collectors.toSet());
                assertThat(threads).as(host).singleElement().asString().startsWith("virtual-");
            }
            assertThat(run.events().threads()).hasSize(4);
        }
    }
}
