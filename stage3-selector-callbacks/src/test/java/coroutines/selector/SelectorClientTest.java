package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.StageCommand;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.StageContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stage 3 keeps the contract of every stage, and shows what only it does: one thread that
 * sleeps in {@code select()} until a socket is ready, callbacks that print what the article
 * prints, and a loop that survives a callback that throws.
 */
class SelectorClientTest extends StageContract {

    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(20);

    SelectorClientTest() {
        super(SelectorStage.STAGE, Requests.IN_FLIGHT_TOGETHER, JShellSessions.SHOWN);
    }

    // The line the loop prints once it has ended by itself, with its counts.
    private static final Pattern LOOP_COUNTS =
            Pattern.compile("^select\\(\\) woke the loop (\\d+) times; it ran (\\d+) callbacks$", Pattern.MULTILINE);

    /** Runs this stage against its own local hosts; {@code failIn} names the host whose read callback throws, or null. */
    private static StageRun runCounting(LocalHosts.Builder builder, String failIn) throws IOException {
        return runCounting(builder, failIn, GENEROUS);
    }

    private static StageRun runCounting(LocalHosts.Builder builder, String failIn, Duration timeout) throws IOException {
        try (LocalHosts hosts = builder.start()) {
            StageRun run = StageRun.capturing(hosts.targets(), StageRun.Settings.withTimeout(timeout).failIn(failIn));
            run.execute(SelectorStage.STAGE.client(), true);
            return run;
        }
    }

    /** What the loop printed it counted: wake-ups, then callbacks; fails if the loop never got to print it. */
    private static long[] loopCounts(StageRun run) {
        Matcher counts = LOOP_COUNTS.matcher(run.output());
        assertThat(counts.find()).as("the loop printed its counts, so it ended by itself:%n%s", run.output()).isTrue();
        return new long[] {Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2))};
    }

    private static long count(StageRun run, Event.Kind... kinds) {
        List<Event.Kind> wanted = List.of(kinds);
        return run.events().all().stream().filter(event -> wanted.contains(event.kind())).count();
    }

    @Nested
    class behind_the_gate {

        @Test
        void connects_and_sends_to_all_four_hosts_before_any_read() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), null);

            int firstRead = run.events().indexOfFirst(Event.Kind.READ);
            assertThat(firstRead).isPositive();
            List<Event> beforeAnyRead = run.events().all().subList(0, firstRead);
            assertThat(beforeAnyRead).extracting(Event::kind)
                    .containsOnly(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT);
            for (Event.Kind kind : List.of(Event.Kind.CONNECTED, Event.Kind.SENT)) {
                assertThat(beforeAnyRead).filteredOn(event -> event.kind() == kind).extracting(Event::host)
                        .as(kind.name()).containsExactlyInAnyOrderElementsOf(LocalHosts.ARTICLE_HOSTS);
            }
            assertThat(run.answeredCount()).isEqualTo(4);
        }

        @Test
        void runs_every_request_on_the_one_thread_that_called_it() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), null);

            assertThat(run.answeredCount()).isEqualTo(4);
            assertThat(run.events().threads()).containsExactly(Thread.currentThread().getName());
        }

        @Test
        void wakes_up_from_select_no_more_often_than_there_are_events() throws IOException {
            // The default latencies keep the hosts silent for 100 to 400 ms after the gate opens:
            // a loop that spun would wake up thousands of times in that time, one that sleeps
            // in select() at most once per connect, write or read.
            StageRun run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), null);

            assertThat(run.answeredCount()).isEqualTo(4);
            long[] counts = loopCounts(run);
            long wakeUps = counts[0];
            long callbacks = counts[1];
            long events = count(run, Event.Kind.CONNECTED, Event.Kind.SENT, Event.Kind.READ);
            assertThat(callbacks).isBetween(1L, events);
            assertThat(wakeUps).isBetween(1L, callbacks);
        }
    }

    @Nested
    class prints_what_the_article_prints {

        @Test
        void prints_connect_success_once_per_host() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().noLatency(), null);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(linesEqualTo(run.output(), host + " connect success")).as(host).isEqualTo(1);
            }
        }

        @Test
        void prints_recv_body_success_once_per_read_the_last_empty_one_included() throws IOException {
            StageRun run = runCounting(LocalHosts.builder(), null);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                long reads = run.events().of(host).stream().filter(event -> event.kind() == Event.Kind.READ).count();
                assertThat(reads).as(host).isEqualTo(run.events().readsOf(host) + 1); // the data reads, then the end
                assertThat(linesEqualTo(run.output(), "recv " + host + " body success")).as(host).isEqualTo(reads);
            }
        }
    }

    @Nested
    class when_a_callback_throws {

        @Test
        void that_host_is_reported_with_the_cause_and_the_others_still_answer() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().noLatency(), "github.com");

            assertThat(run.outcome("github.com").failure())
                    .isEqualTo("IllegalStateException: a bug in readResponse (put there by --fail-in)");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).answered()).as(host).isTrue();
            }
            assertThat(run.events().kindsOf("github.com")).endsWith(Event.Kind.READ, Event.Kind.FAILED);
        }

        @Test
        void the_loop_ends_by_itself_with_the_counter_at_zero() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().noLatency(), "github.com");

            loopCounts(run); // requestAll returned normally, after the loop
            assertThat(run.stageBugs()).isEmpty();
            assertThat(lastLine(run.output())).startsWith("3 of 4 hosts answered in ");
        }

        @Test
        void prints_a_stack_trace_of_the_loop_and_the_callback_that_never_names_the_host() throws IOException {
            StageRun run = runCounting(LocalHosts.builder().noLatency(), "github.com");

            String output = run.output();
            assertThat(output).contains("java.lang.IllegalStateException", "\t... ");
            String trace = output.substring(output.indexOf("java.lang.IllegalStateException"), output.indexOf("\t... "));
            assertThat(trace).containsSubsequence(
                    "\tat coroutines.selector.Request.readResponse(",
                    "\tat coroutines.selector.EventLoop.runCallback(",
                    "\tat coroutines.selector.EventLoop.runWhileRunning(",
                    "\tat coroutines.selector.SelectorClient.requestAll(");
            // The question a reader asks first, "which request?", the trace cannot answer.
            assertThat(trace).doesNotContain("github.com").doesNotContain("Request.start(");
        }

        @Test
        void can_be_made_to_happen_from_the_command_line() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

            int status = StageCommand.execute(SelectorStage.STAGE, printer, printer,
                    new String[] {"--fail-in", "google.com", "--no-timeline"}).status();

            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("google.com failed: IllegalStateException: a bug in readResponse")
                    .contains("\tat coroutines.selector.Request.readResponse(");
            assertThat(status).isEqualTo(1);
        }
    }

    @Nested
    class when_a_host_fails {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Fault.class, names = {"REFUSE", "RESET", "SILENT", "GARBAGE"})
        void the_counter_comes_down_to_zero_and_the_loop_ends_by_itself(Fault fault) throws IOException {
            // The contract checks what is reported; this checks that the loop, not the run's
            // safety net, brought the request to its end (the loop prints its counts last).
            StageRun run = runCounting(LocalHosts.builder().noLatency().fault("github.com", fault),
                    null, SHORT);

            loopCounts(run);
            assertThat(run.stageBugs()).isEmpty();
            assertThat(run.output()).containsPattern(Pattern.compile("^github\\.com failed: ", Pattern.MULTILINE));
            assertThat(run.answeredCount()).isEqualTo(3);
        }
    }
}
