package coroutines.yielding;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.generators.ContinuationGenerator;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.StageContract;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Stage 4 keeps the contract of every stage, and shows what only it does: each request is a
 * generator, resumed by one selector loop only when its socket is ready; its body runs on the
 * loop's thread where the JDK's continuation is usable (JDK 21+), else on a thread of its own.
 */
class GeneratorClientTest extends StageContract {

    GeneratorClientTest() {
        super(GeneratorStage.STAGE, Requests.IN_FLIGHT_TOGETHER, JShellSessions.SHOWN);
    }

    @Test
    void starts_every_connect_before_any_host_is_connected() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().gate(4, Duration.ofSeconds(20)), GENEROUS);

        assertThat(run.events().all().subList(0, 4)).extracting(Event::kind).containsOnly(Event.Kind.CONNECTING);
    }

    @Test
    void runs_each_body_on_the_loops_thread_in_a_continuation_or_else_on_a_thread_of_its_own() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().gate(4, Duration.ofSeconds(20)), GENEROUS);

        assertThat(run.answeredCount()).isEqualTo(4);
        String loopThread = Thread.currentThread().getName();
        for (String host : LocalHosts.ARTICLE_HOSTS) {
            // The loop, on the caller's thread, reports how each request ended; all else is the body's.
            Predicate<String> bodysThread = ContinuationGenerator.available()
                    ? loopThread::equals
                    : thread -> thread.startsWith("generator-" + host + "-");
            assertThat(run.events().of(host)).filteredOn(event -> event.kind() != Event.Kind.END)
                    .extracting(Event::thread).as(host)
                    .isNotEmpty().allMatch(bodysThread);
        }
    }

    @Test
    void a_silent_host_gets_its_timeout_thrown_in_where_its_generator_waits() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("baidu.com", Fault.SILENT), SHORT);

        assertThat(run.outcome("baidu.com").failure())
                .startsWith("timed out (no progress while waiting to read) after waiting " + SHORT.toMillis() + " ms");
        assertThat(run.answeredCount()).isEqualTo(3);
    }

    @Test
    void a_bug_in_a_body_fails_that_host_with_a_trace_through_the_body_and_the_others_answer() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().noLatency(), StageRun.Settings.withTimeout(GENEROUS).failIn("github.com"), 0);

        assertThat(run.outcome("github.com").failure())
                .isEqualTo("IllegalStateException: a bug in the body (put there by --fail-in)");
        assertThat(run.output()).contains("\tat coroutines.yielding.GeneratorClient.lambda$request$");
        assertThat(run.answeredCount()).isEqualTo(3);
    }
}
