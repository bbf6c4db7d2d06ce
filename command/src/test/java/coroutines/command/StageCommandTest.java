package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Stage;
import coroutines.testbed.SummaryLine;
import coroutines.testbed.Target;
import coroutines.testbed.TerminalText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of the shared command line that no stage's contract covers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StageCommandTest {

    /** A stage that requests nothing and reports each request as answered with a fixed response. */
    private static final Stage ANSWERS_AT_ONCE = new Stage("stage0-test", "", "", (targets, run) -> {
        for (Target target : targets) {
            run.connecting(target);
            run.answered(target, "HTTP/1.0 200 OK\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
        }
    });

    private static final Stage CAN_FAIL = new Stage("stage0-failing", "", "", (targets, run) -> {
        for (Target target : targets) {
            try {
                run.failHereIfAsked(target, "the one step");
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalStateException bug) {
                run.failed(target, bug);
            }
        }
    }, "the one step");

    private LocalHosts hosts;
    private int status;

    @AfterEach
    void closeHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private String execute(Stage stage, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(stage, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The output's last line, which must be the summary line. */
    private static SummaryLine summaryOf(String output) {
        return SummaryLine.parse(output.strip().lines().reduce((first, last) -> last).orElseThrow());
    }

    private final List<Target> targetsSeen = new CopyOnWriteArrayList<>();

    /** A stage that connects nowhere: it records the targets it is given and answers each with a tiny 200. */
    private final Stage recording = new Stage("recording-stage", "", "", (targets, run) -> {
        targetsSeen.addAll(targets);
        for (Target target : targets) {
            run.answered(target, "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    });

    private String execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(recording, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "HOST ''{0}''")
    @ValueSource(strings = {"so1n.me\r\nGET /smuggled HTTP/1.0", "so1n .me", "", "b?cher.example", "so1n.me:8080", "::1"})
    void a_host_name_that_is_not_a_dns_name_is_a_usage_error_that_names_it(String host) {
        String output = execute(host);

        assertThat(output).startsWith("HOST '" + TerminalText.escapeLine(host) + "'")
                .contains("Usage: recording-stage");
        assertThat(status).isEqualTo(2);
        assertThat(targetsSeen).isEmpty();
    }

    @Test
    void an_argument_starting_with_at_is_a_name_not_a_file_to_expand(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hosts"), "so1n.me\n");

        String output = execute("@" + file);

        assertThat(output).contains("'@" + file + "' is not a valid host name: an '@'");
        assertThat(status).isEqualTo(2);
        assertThat(targetsSeen).isEmpty();
    }

    @Test
    void an_internationalised_name_is_requested_in_its_ascii_form() {
        String output = execute("bücher.example", "--resolve", "bücher.example:8080:127.0.0.1", "--no-timeline");

        assertThat(targetsSeen).containsExactly(new Target("xn--bcher-kva.example",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080)).numbered(1));
        assertThat(summaryOf(output)).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(1, 1);
        assertThat(status).isZero();
    }

    @Test
    void a_resolve_rule_serves_its_name_in_any_case_and_the_request_keeps_the_case_given() {
        execute("SO1N.ME", "--resolve", "so1n.me:8080:127.0.0.1", "--no-timeline");

        assertThat(targetsSeen).containsExactly(new Target("SO1N.ME", new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080)).numbered(1));
        assertThat(status).isZero();
    }

    @Test
    void a_name_dns_does_not_know_reaches_the_stage_unresolved_with_the_reason() {
        execute("no-such-host.invalid", "--timeout", "10000", "--no-timeline");

        assertThat(targetsSeen).singleElement().satisfies(target -> {
            assertThat(target.address().isUnresolved()).isTrue();
            assertThat(target.lookupFailure()).isNotNull();
        });
    }

    @Test
    void the_help_lists_the_rules_for_names_and_ports() {
        String help = execute("--help").replaceAll("\\s+", " ");

        assertThat(help).contains("DNS names, or IPv4 addresses").contains("xn--")
                .contains("HOST matched in any case, PORT ASCII digits in 1..65535");
    }

    @Test
    void the_help_names_every_fault() {
        String help = execute(ANSWERS_AT_ONCE, "--help");

        for (Fault fault : Fault.values()) {
            assertThat(help).contains(fault.name().toLowerCase());
        }
    }

    @Test
    void requests_cycle_over_the_hosts_and_a_host_named_twice_is_reported_twice() throws IOException {
        hosts = LocalHosts.builder().noLatency().start();
        String port = String.valueOf(hosts.addressOf("google.com").getPort());

        String output = execute(ANSWERS_AT_ONCE, "google.com", "google.com", "so1n.me", "--requests", "5",
                "--resolve", "google.com:" + port + ":127.0.0.1", "--resolve", "so1n.me:" + port + ":127.0.0.1");

        assertThat(output).doesNotContain("the stage's bug").doesNotContain("reported twice");
        assertThat(output.lines().filter(line -> line.startsWith("google.com #")).map(line -> line.substring(0, 13)))
                .as("the timeline's lanes, one per request").containsExactly(
                        "google.com #1", "google.com #2", "google.com #4", "google.com #5");
        assertThat(summaryOf(output)).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(5, 5);
        assertThat(status).isZero();
    }

    @Test
    void quiet_prints_only_the_failures_and_the_summary_line() {
        String output = execute(CAN_FAIL, "--quiet", "--fail-in", "github.com");

        List<String> lines = output.strip().lines().toList();
        assertThat(lines.get(0)).startsWith("github.com failed: IllegalStateException: a bug in the one step (put there by --fail-in)");
        assertThat(lines).noneMatch(line -> line.startsWith("HTTP/1.0 200 OK")).noneMatch(line -> line.startsWith("timeline"));
        assertThat(summaryOf(output)).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(3, 4);
        assertThat(status).isEqualTo(1);
    }

    @Test
    void fail_in_for_a_stage_without_such_a_step_is_a_usage_error_naming_the_stages_that_have_one() {
        String output = execute(ANSWERS_AT_ONCE, "--fail-in", "github.com");

        assertThat(output).contains("--fail-in github.com: stage0-test has no step that fails on purpose")
                .contains("stage 3: the read callback; stage 4: the generator's body; stage 5: the read coroutine")
                .contains("Usage: stage0-test");
        assertThat(status).isEqualTo(2);
    }

    @Test
    void fail_in_a_host_not_in_the_run_says_so_and_fails_nothing() {
        String output = execute(CAN_FAIL, "--fail-in", "example.com", "--no-timeline");

        assertThat(output).contains("--fail-in example.com: not a host of this run, so nothing will fail on purpose;"
                + " name one of [so1n.me, github.com, google.com, baidu.com]");
        assertThat(status).isZero();
    }

    @Test
    void a_run_reads_no_option_left_over_from_an_earlier_one() {
        execute(CAN_FAIL, "--fail-in", "github.com", "--no-timeline");

        String output = execute(CAN_FAIL, "--no-timeline");

        assertThat(output).doesNotContain("failed");
        assertThat(status).isZero();
    }
}
