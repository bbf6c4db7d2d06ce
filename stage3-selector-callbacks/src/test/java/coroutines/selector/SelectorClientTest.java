package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Client;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
import coroutines.testkit.StageContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        super(() -> SelectorClient.STAGE, Requests.IN_FLIGHT_TOGETHER);
    }

    /** What the loop counted in each run of {@link #runCounting}. */
    private final List<EventLoop.Counts> loopCounts = new ArrayList<>();

    /**
     * Runs this stage against its own local hosts, with a client that may fail in a callback and
     * that hands over the loop's counts. The contract's runs use the stage as shipped.
     */
    private Run runCounting(LocalHosts.Builder builder, FailInCallbackOption failInCallback) throws IOException {
        return runCounting(builder, failInCallback, GENEROUS);
    }

    private Run runCounting(LocalHosts.Builder builder, FailInCallbackOption failInCallback, Duration timeout)
            throws IOException {
        try (LocalHosts hosts = builder.start()) {
            Run run = Run.capturing(hosts.targets(), timeout);
            Client client = new SelectorClient(failInCallback, loopCounts::add);
            run.execute(client, true);
            return run;
        }
    }

    private static long count(Run run, Event.Kind... kinds) {
        List<Event.Kind> wanted = List.of(kinds);
        return run.events().all().stream().filter(event -> wanted.contains(event.kind())).count();
    }

    @Nested
    class behind_the_gate {

        @Test
        void connects_and_sends_to_all_four_hosts_before_any_read() throws IOException {
            Run run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), new FailInCallbackOption());

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
            Run run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), new FailInCallbackOption());

            assertThat(run.answeredCount()).isEqualTo(4);
            assertThat(run.events().threads()).containsExactly(Thread.currentThread().getName());
        }

        @Test
        void wakes_up_from_select_no_more_often_than_there_are_events() throws IOException {
            // The default latencies keep the hosts silent for 100 to 400 ms after the gate opens:
            // a loop that spun would wake up thousands of times in that time, one that sleeps
            // in select() at most once per connect, write or read.
            Run run = runCounting(LocalHosts.builder().gate(4, GATE_TIMEOUT), new FailInCallbackOption());

            assertThat(run.answeredCount()).isEqualTo(4);
            EventLoop.Counts counts = loopCounts.get(0);
            long events = count(run, Event.Kind.CONNECTED, Event.Kind.SENT, Event.Kind.READ);
            assertThat(counts.callbacks()).isBetween(1L, events);
            assertThat(counts.wakeUps()).isBetween(1L, counts.callbacks());
            assertThat(run.output()).contains("select() woke the loop " + counts.wakeUps() + " times; it ran "
                    + counts.callbacks() + " callbacks\n");
        }
    }

    @Nested
    class prints_what_the_article_prints {

        @Test
        void prints_connect_success_once_per_host() throws IOException {
            Run run = runCounting(LocalHosts.builder().noLatency(), new FailInCallbackOption());

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(linesEqualTo(run.output(), host + " connect success")).as(host).isEqualTo(1);
            }
        }

        @Test
        void prints_recv_body_success_once_per_read_the_last_empty_one_included() throws IOException {
            Run run = runCounting(LocalHosts.builder(), new FailInCallbackOption());

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
            Run run = runCounting(LocalHosts.builder().noLatency(), FailInCallbackOption.forHost("github.com"));

            assertThat(run.outcome("github.com").failure())
                    .isEqualTo("IllegalStateException: a bug in readResponse (put there by --fail-in-callback)");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).answered()).as(host).isTrue();
            }
            assertThat(run.events().kindsOf("github.com")).endsWith(Event.Kind.READ, Event.Kind.FAILED);
        }

        @Test
        void the_loop_ends_by_itself_with_the_counter_at_zero() throws IOException {
            Run run = runCounting(LocalHosts.builder().noLatency(), FailInCallbackOption.forHost("github.com"));

            assertThat(loopCounts).hasSize(1); // requestAll returned normally, after the loop
            assertThat(run.output()).doesNotContain("the stage itself failed");
            assertThat(lastLine(run.output())).startsWith("3 of 4 hosts answered in ");
        }

        @Test
        void prints_a_stack_trace_of_the_loop_and_the_callback_that_never_names_the_host() throws IOException {
            Run run = runCounting(LocalHosts.builder().noLatency(), FailInCallbackOption.forHost("github.com"));

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
            FailInCallbackOption failInCallback = new FailInCallbackOption();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

            int status = StageCommand.execute(SelectorClient.stage(failInCallback), printer, printer,
                    new String[] {"--fail-in-callback", "google.com", "--no-timeline"}).status();

            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("google.com failed: IllegalStateException: a bug in readResponse")
                    .contains("\tat coroutines.selector.Request.readResponse(");
            assertThat(status).isEqualTo(1);
        }

        @Test
        void the_same_option_object_forgets_the_host_when_the_next_run_does_not_name_one() {
            // Doc checks and JShell hand one option object to several runs in a row.
            FailInCallbackOption failInCallback = new FailInCallbackOption();
            Stage stage = SelectorClient.stage(failInCallback);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

            StageCommand.execute(stage, printer, printer, new String[] {"--fail-in-callback", "google.com"});
            int status = StageCommand.execute(stage, printer, printer, new String[] {"--no-timeline"}).status();

            assertThat(lastLine(out.toString(StandardCharsets.UTF_8))).startsWith("4 of 4 hosts answered in ");
            assertThat(status).isZero();
        }

        @Test
        void naming_a_host_that_is_not_in_the_run_says_so_and_fails_nothing() throws IOException {
            Run run = runCounting(LocalHosts.builder().noLatency(), FailInCallbackOption.forHost("example.com"));

            assertThat(run.output()).startsWith("--fail-in-callback example.com: not a host of this run");
            assertThat(run.answeredCount()).isEqualTo(4);
        }
    }

    @Nested
    class when_a_host_fails {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Fault.class, names = {"REFUSE", "RESET", "SILENT", "GARBAGE"})
        void the_counter_comes_down_to_zero_and_the_loop_ends_by_itself(Fault fault) throws IOException {
            // The contract checks what is reported; this checks that the loop, not the run's
            // safety net, brought the request to its end (the loop prints its counts last).
            Run run = runCounting(LocalHosts.builder().noLatency().fault("github.com", fault),
                    new FailInCallbackOption(), SHORT);

            assertThat(loopCounts).hasSize(1);
            assertThat(run.output()).doesNotContain("the stage itself failed")
                    .containsPattern(Pattern.compile("^github\\.com failed: ", Pattern.MULTILINE));
            assertThat(run.answeredCount()).isEqualTo(3);
        }
    }
}
