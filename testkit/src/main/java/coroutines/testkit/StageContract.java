package coroutines.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coroutines.command.StageCommand;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.SummaryLine;
import coroutines.testbed.Stage;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every stage must do, whatever its model of waiting: a stage's test class extends this
 * one and so inherits the whole contract (exact bytes, the several-MiB body, every fault mode,
 * the summary line and exit status, {@code --resolve}, the gate). A stage adds its own tests
 * beside these for what only it shows.
 *
 * <p>No test here looks at the clock: concurrency is proven by the gate, and a hang fails the
 * class-level timeout instead of blocking the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StageContract {

    /** Long enough that a loaded machine never trips it where a host does answer. */
    protected static final Duration GENEROUS = Duration.ofSeconds(10);
    /** Short, for the tests that must wait for a timeout to fire. */
    protected static final Duration SHORT = Duration.ofMillis(1500);

    private LocalHosts hosts;
    private int status;

    /** How a stage's requests relate in time; it decides what the gate test expects. */
    protected enum Requests {
        /** Each request ends before the next begins (stage 1): the gate can never open for it. */
        ONE_AFTER_ANOTHER,
        /** The requests are in flight together (every later stage): the gate must open. */
        IN_FLIGHT_TOGETHER
    }

    /** Whether the docs show JShell sessions of the stage: if they do, they are checked, else there must be none. */
    protected enum JShellSessions { SHOWN, NONE }

    /** How many requests the large gate test makes at once: enough to see that nothing is per-host. */
    protected static final int MANY_REQUESTS = 1000;

    private final Stage stage;
    private final Requests requests;
    private final JShellSessions sessions;

    /**
     * @param stage    the stage under test
     * @param requests whether the stage's requests overlap
     * @param sessions whether the docs show JShell sessions of this stage
     */
    protected StageContract(Stage stage, Requests requests, JShellSessions sessions) {
        this.stage = stage;
        this.requests = requests;
        this.sessions = sessions;
    }

    /** The stage under test. */
    protected Stage stage() {
        return stage;
    }

    private boolean concurrent() {
        return requests == Requests.IN_FLIGHT_TOGETHER;
    }

    /**
     * The Markdown files that may show this stage's output or JShell sessions: its README, the
     * root README in both editions and the chapters under docs/ (docs/zh/ included). Tests run
     * with the module as working directory.
     */
    protected List<Path> docFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("../README.md"), Path.of("../README.zh.md")));
        Path docs = Path.of("../docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> chapters = Files.walk(docs)) {
                chapters.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files.stream().filter(Files::isRegularFile).toList();
    }

    @AfterEach
    void closeHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** Starts the hosts as configured and runs the stage against them, output captured. */
    protected StageRun runAgainst(LocalHosts.Builder builder, Duration timeout) throws IOException {
        return runAgainst(builder, StageRun.Settings.withTimeout(timeout), 0);
    }

    /**
     * Starts the hosts and runs the stage with these settings; {@code requestCount} requests going
     * round the hosts (0: one per host).
     */
    protected StageRun runAgainst(LocalHosts.Builder builder, StageRun.Settings settings, int requestCount) throws IOException {
        return runAgainst(builder, settings, started -> {
            List<Target> targets = new ArrayList<>();
            int count = requestCount == 0 ? started.targets().size() : requestCount;
            for (int i = 0; i < count; i++) {
                targets.add(started.targets().get(i % started.targets().size()));
            }
            return targets;
        });
    }

    /** Starts the hosts and runs the stage with these settings against the targets {@code targetsOf} picks. */
    protected StageRun runAgainst(LocalHosts.Builder builder, StageRun.Settings settings,
            Function<LocalHosts, List<Target>> targetsOf) throws IOException {
        hosts = builder.start();
        StageRun run = StageRun.capturing(targetsOf.apply(hosts), settings);
        status = run.execute(stage(), true);
        // The run's safety nets (a client that throws, a request reported twice or never) must never be needed.
        assertThat(run.stageBugs()).as("the stage's bugs, in this output:%n%s", run.output()).isEmpty();
        return run;
    }

    /** The hosts of the last {@link #runAgainst} call. */
    protected LocalHosts hosts() {
        return hosts;
    }

    /** The exit status of the last {@link #runAgainst} call. */
    protected int status() {
        return status;
    }

    /** How many lines of the output are exactly {@code line}: "printed once per host" and the like. */
    protected static long linesEqualTo(String output, String line) {
        return output.lines().filter(line::equals).count();
    }

    protected static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** The run's last line, parsed by the one parser: it fails, naming the line, if that is not a summary line. */
    protected static SummaryLine summaryLineOf(String output) {
        return SummaryLine.parse(lastLine(output));
    }

    /** Asserts that the output ends with a summary line of {@code answered} of {@code requests}. */
    protected static void assertEndsWithSummary(String output, int answered, int requests) {
        assertThat(summaryLineOf(output)).as("the summary line of%n%s", output)
                .extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(answered, requests);
    }

    /** The body length a host's usual answer declares in its Content-Length. */
    private int bodyBytesDeclaredBy(String host) {
        String response = new String(hosts.responseFor(host), StandardCharsets.ISO_8859_1);
        return response.length() - (response.indexOf("\r\n\r\n") + 4);
    }

    /** The first line of a response, without its CR LF. */
    private static String statusLineOf(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    @Nested
    class when_every_host_answers {

        @Test
        void receives_exactly_the_bytes_each_host_sent() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).failure()).as(host).isNull();
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts().responseFor(host));
            }
        }

        @Test
        void sends_the_articles_exact_request_to_each_host() throws IOException {
            runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            assertThat(hosts().requestsReceived()).containsExactlyInAnyOrder(
                    "GET http://so1n.me HTTP/1.0\r\nHost: so1n.me\r\n\r\n",
                    "GET http://github.com HTTP/1.0\r\nHost: github.com\r\n\r\n",
                    "GET http://google.com HTTP/1.0\r\nHost: google.com\r\n\r\n",
                    "GET http://baidu.com HTTP/1.0\r\nHost: baidu.com\r\n\r\n");
        }

        @Test
        void prints_each_response_as_text_and_ends_with_the_summary_line() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            String output = run.output();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(output).contains("Location: https://" + host + "/\n");
            }
            assertThat(output).contains("HTTP/1.1 301 Moved Permanently\n").doesNotContain("\r");
            assertEndsWithSummary(output, 4, 4);
            assertThat(status()).isZero();
        }

        @Test
        void records_connect_send_reads_and_end_in_that_order_for_each_host() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                List<Event.Kind> story = run.events().kindsOf(host);
                assertThat(story).as(host).startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT);
                assertThat(story.subList(3, story.size() - 1)).as(host).isNotEmpty().containsOnly(Event.Kind.READ);
                assertThat(story).as(host).endsWith(Event.Kind.END);
            }
        }

        @Test
        void receives_a_several_mib_body_byte_for_byte() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE), GENEROUS);

            byte[] expected = hosts().responseFor("github.com");
            assertThat(expected.length).isGreaterThan(LocalHosts.HUGE_BODY_BYTES);
            assertThat(run.outcome("github.com").response()).isEqualTo(expected);
            assertThat(run.output()).contains("more bytes not shown]");
            assertThat(run.answeredCount()).isEqualTo(4);
        }

        @Test
        void receives_a_trickled_answer_byte_for_byte() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("google.com", Fault.TRICKLE)
                    .trickleDelay(Duration.ofMillis(1)), GENEROUS);

            assertThat(run.outcome("google.com").response()).isEqualTo(hosts().responseFor("google.com"));
            assertThat(run.events().readsOf("google.com")).isGreaterThan(1);
        }
    }

    @Nested
    class when_one_host_fails {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Fault.class, names = {"REFUSE", "RESET", "SILENT", "GARBAGE", "HANGUP", "TRUNCATED", "UNCLOSED", "DEAF"})
        void that_host_gets_one_line_naming_the_cause_and_a_hint_and_the_others_still_answer(Fault fault) throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", fault), SHORT);

            // The cause the line must start with, and what it must contain (a hint, what arrived), the same in every stage.
            String[] causeAndHint = switch (fault) {
                case REFUSE -> new String[] {"connection refused by 127.0.0.1:", "is a server listening there?"};
                case RESET -> new String[] {"the server reset the connection", "try again"};
                case SILENT, DEAF -> new String[] {"timed out", "the server is slow or silent, try a longer --timeout"};
                case GARBAGE -> new String[] {"answered with bytes that are not HTTP: 'SSH-2.0-", "really a web server?"};
                case HANGUP -> new String[] {"closed the connection without answering: 127.0.0.1:",
                    "accepted the connection, then hung up before sending a byte; is it a web server"};
                // A truncating host sends half the body it declares.
                case TRUNCATED -> new String[] {"the server closed after " + bodyBytesDeclaredBy("github.com") / 2 + " of "
                        + bodyBytesDeclaredBy("github.com") + " body bytes", "the answer is incomplete"};
                // The whole 301 came: its size and status line are quoted, and a longer --timeout is no cure.
                case UNCLOSED -> new String[] {"timed out (", "after " + hosts().responseFor("github.com").length
                        + " bytes, status line \"" + statusLineOf(hosts().responseFor("github.com"))
                        + "\", and the connection still open", "a longer --timeout will not help"};
                default -> throw new IllegalArgumentException(fault.name());
            };
            assertThat(run.output().lines().filter(line -> line.startsWith("github.com failed: ")))
                    .singleElement().asString().startsWith("github.com failed: " + causeAndHint[0])
                    .contains(Arrays.copyOfRange(causeAndHint, 1, causeAndHint.length));
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).response()).as(host).isEqualTo(hosts().responseFor(host));
            }
            assertEndsWithSummary(run.output(), 3, 4);
            assertThat(status()).isEqualTo(1);
        }

        @Test
        void every_host_can_fail_at_once_and_the_run_still_ends() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency()
                    .fault("so1n.me", Fault.REFUSE).fault("github.com", Fault.RESET)
                    .fault("google.com", Fault.SILENT).fault("baidu.com", Fault.GARBAGE), SHORT);

            assertThat(run.answeredCount()).isZero();
            assertThat(run.outcomes()).hasSize(4).noneMatch(StageRun.Outcome::answered);
            assertEndsWithSummary(run.output(), 0, 4);
            assertThat(status()).isEqualTo(1);
        }
    }

    @Nested
    class when_a_whole_request_takes_longer_than_max_time {

        private static final Duration MAX_TIME = Duration.ofMillis(1000);

        @Test
        void a_body_that_never_ends_fails_that_request_at_max_time_and_the_others_answer() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", Fault.DRIP),
                    StageRun.Settings.withTimeout(GENEROUS).maxTime(MAX_TIME), 0);

            assertThat(run.outcome("github.com").failure())
                    .startsWith("the whole request took longer than --max-time 1000 ms")
                    .as("what arrived, quoted").containsPattern("\\), after \\d+ bytes, status line \"HTTP/1.1 200 OK\";");
            assertThat(run.events().readsOf("github.com")).as("bytes kept coming: no wait ever timed out").isGreaterThan(1);
            assertThat(run.answeredCount()).isEqualTo(3);
        }

        @Test
        void a_request_a_server_never_reads_fails_at_max_time_even_where_a_write_blocks() throws IOException {
            // A request larger than both sockets' buffers: its write can never finish, and a
            // blocking write has no timeout of its own.
            String longName = "x".repeat(LARGER_THAN_SOCKET_BUFFERS);
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", Fault.DEAF),
                    StageRun.Settings.withTimeout(GENEROUS).maxTime(MAX_TIME),
                    started -> List.of(new Target(longName, started.addressOf("github.com")),
                            started.targets().get(0)));

            StageRun.Outcome deaf = run.outcomes().stream().filter(outcome -> outcome.host().equals(longName)).findFirst().orElseThrow();
            assertThat(deaf.failure()).startsWith("the whole request took longer than --max-time 1000 ms");
            assertThat(run.events().kindsOf(deaf.target())).doesNotContain(Event.Kind.SENT);
            assertThat(run.outcome("so1n.me").failure()).as("so1n.me, which reads and answers").isNull();
        }
    }

    /** Bytes of host name that make the request larger than loopback's send and receive buffers together. */
    private static final int LARGER_THAN_SOCKET_BUFFERS = 4 * 1024 * 1024;

    @Nested
    class when_a_host_is_requested_more_than_once {

        @Test
        void reports_each_request_on_its_own_with_exactly_the_bytes_sent() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), StageRun.Settings.withTimeout(GENEROUS), 6);

            assertThat(run.outcomes()).hasSize(6).allMatch(StageRun.Outcome::answered);
            for (Target request : run.targets()) {
                assertThat(run.outcome(request).response()).as(run.label(request)).isEqualTo(hosts().responseFor(request.host()));
                assertThat(run.events().kindsOf(request)).as(run.label(request))
                        .startsWith(Event.Kind.CONNECTING).endsWith(Event.Kind.END);
            }
            assertThat(hosts().requestsReceived()).hasSize(6);
            assertEndsWithSummary(run.output(), 6, 6);
        }

        @Test
        void quiet_prints_only_the_failures_and_the_summary_line() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE),
                    StageRun.Settings.withTimeout(SHORT).quiet(true), 6);

            List<String> lines = run.output().strip().lines().toList();
            assertThat(lines).hasSize(3).first().asString().startsWith("github.com #");
            assertThat(lines.get(1)).startsWith("github.com #");
            assertEndsWithSummary(run.output(), 4, 6);
        }
    }

    @Nested
    class behind_the_gate_that_opens_only_when_all_four_requests_have_arrived {

        @Test
        void a_concurrent_stage_has_every_one_of_a_thousand_requests_sent_before_any_answer() throws IOException {
            assumeTrue(concurrent(), "a stage that makes one request at a time cannot open a gate for two");
            StageRun run = runAgainst(LocalHosts.builder().gate(MANY_REQUESTS, GENEROUS.multipliedBy(4)),
                    StageRun.Settings.withTimeout(GENEROUS.multipliedBy(2)).quiet(true), MANY_REQUESTS);

            assertThat(run.answeredCount()).as(run.output()).isEqualTo(MANY_REQUESTS);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }

        @Test
        void a_concurrent_stage_gets_every_answer_and_a_sequential_one_times_out() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().gate(4, GENEROUS.multipliedBy(2)), concurrent() ? GENEROUS : SHORT);

            if (concurrent()) {
                assertThat(run.answeredCount()).isEqualTo(4);
                // Every request was sent before any byte of any answer came back.
                assertThat(run.events().indexOfLast(Event.Kind.SENT))
                        .isLessThan(run.events().indexOfFirst(Event.Kind.READ));
            } else {
                assertThat(run.outcome("so1n.me").failure()).startsWith("timed out");
                assertThat(status()).isEqualTo(1);
            }
        }
    }

    @Nested
    class in_the_docs {

        @Test
        void every_program_output_shown_is_what_the_stage_prints() throws IOException {
            int checked = DocChecks.assertProgramOutputs(docFiles(), stage());

            assertThat(checked).as("output blocks of %s in %s", stage().name(), docFiles()).isPositive();
        }

        @Test
        void its_chapter_pictures_are_what_the_stage_draws_today() throws IOException {
            PictureChecks.assertChapterPicturesCurrent(stage(), Path.of("../docs"));
        }

        @Test
        void the_jshell_startup_script_loads_the_stage_and_run_works() {
            String session = DocChecks.runJShell("run(\"--no-timeline\")\n", Path.of("src/main/jshell/startup.jsh"));

            assertThat(session).doesNotContain("|  Error").contains("4 of 4 hosts answered in ").contains("==> 0");
        }

        @Test
        void every_jshell_session_shown_is_what_jshell_prints() throws IOException {
            int checked = DocChecks.assertJShellTranscripts(docFiles(), stage().name(), Path.of("src/main/jshell/startup.jsh"));

            if (sessions == JShellSessions.SHOWN) {
                assertThat(checked).as("JShell sessions of %s in %s", stage().name(), docFiles()).isPositive();
            } else {
                assertThat(checked).as("JShell sessions of %s shown, but its test says there are none", stage().name()).isZero();
            }
        }
    }

    @Nested
    class on_the_command_line {

        private String execute(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            status = StageCommand.execute(stage(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args).status();
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        @Test
        void follows_resolve_rules_to_another_server_and_reports_an_unknown_name() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();
            int port = hosts.addressOf("so1n.me").getPort();

            String output = execute("so1n.me", "no-such-host.invalid", "--resolve", "so1n.me:" + port + ":127.0.0.1");

            assertThat(output).contains("Location: https://so1n.me/")
                    .contains("no-such-host.invalid failed: unknown host name");
            assertEndsWithSummary(output, 1, 2);
            assertThat(status).isEqualTo(1);
        }

        @Test
        void a_rule_serves_its_name_in_any_case_and_the_request_says_the_name_as_given() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();
            int port = hosts.addressOf("so1n.me").getPort();

            String output = execute("SO1N.ME", "--resolve", "so1n.me:" + port + ":127.0.0.1", "--no-timeline");

            assertThat(hosts.requestsReceived()).containsExactly("GET http://SO1N.ME HTTP/1.0\r\nHost: SO1N.ME\r\n\r\n");
            assertEndsWithSummary(output, 1, 1);
            assertThat(status).isZero();
        }

        @Test
        void a_host_name_that_would_smuggle_a_second_request_is_a_usage_error_and_nothing_is_sent() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();
            int port = hosts.addressOf("so1n.me").getPort();

            String output = execute("so1n.me\r\nGET /smuggled HTTP/1.0", "--resolve", "so1n.me:" + port + ":127.0.0.1");

            assertThat(output).startsWith("HOST 'so1n.me\\r\\nGET /smuggled HTTP/1.0' is not a valid host name");
            assertThat(hosts.requestsReceived()).isEmpty();
            assertThat(status).isEqualTo(2);
        }

        @Test
        void a_malformed_resolve_rule_is_a_usage_error_with_status_2() {
            String output = execute("--resolve", "so1n.me:eighty:127.0.0.1");

            assertThat(output).contains("the port 'eighty' is not a number").contains("Usage: " + stage().name());
            assertThat(status).isEqualTo(2);
        }

        @Test
        void an_unknown_option_is_a_usage_error_with_status_2() {
            String output = execute("--no-such-option");

            assertThat(output).contains("Unknown option: '--no-such-option'").contains("Usage: ");
            assertThat(status).isEqualTo(2);
        }

        @Test
        void runs_the_local_hosts_by_default_and_exits_0() {
            String output = execute("--no-timeline");

            assertEndsWithSummary(output, 4, 4);
            assertThat(status).isZero();
        }
    }
}
