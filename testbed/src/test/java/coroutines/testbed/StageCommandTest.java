package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
            if (run.failsOnPurpose(target)) {
                run.failed(target, new IllegalStateException("failed on purpose"));
            } else {
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
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
        assertThat(output.strip().lines().reduce((first, last) -> last).orElseThrow())
                .startsWith("5 of 5 hosts answered in ");
        assertThat(status).isZero();
    }

    @Test
    void quiet_prints_only_the_failures_and_the_summary_line() {
        String output = execute(CAN_FAIL, "--quiet", "--fail-in", "github.com");

        List<String> lines = output.strip().lines().toList();
        assertThat(lines.get(0)).startsWith("github.com failed: IllegalStateException: failed on purpose");
        assertThat(lines).noneMatch(line -> line.startsWith("HTTP/1.0 200 OK")).noneMatch(line -> line.startsWith("timeline"));
        assertThat(lines.get(lines.size() - 1)).startsWith("3 of 4 hosts answered in ");
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
