package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stage's own bookkeeping may go wrong; the run keeps what it has and says whose bug it was. Of
 * the bytes a stage reads, the run keeps only an answer's first line, for a failure to quote.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunTest {

    private static final byte[] OK = "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static StageRun runOf(String... hosts) {
        List<Target> targets = java.util.Arrays.stream(hosts)
                .map(host -> new Target(host, InetSocketAddress.createUnresolved(host, 80))).toList();
        return StageRun.capturing(targets, Duration.ofSeconds(1));
    }

    @Test
    void numbers_the_requests_so_a_host_named_twice_is_two_requests() {
        StageRun run = runOf("a.example", "a.example");

        assertThat(run.targets()).extracting(Target::request).containsExactly(1, 2);
        assertThat(run.label(run.targets().get(1))).isEqualTo("a.example #2");
    }

    @Test
    void the_stages_see_a_port_of_ten_methods_and_no_more() {
        assertThat(Run.class.getDeclaredMethods()).hasSize(10);
    }

    @Test
    void fail_in_throws_only_for_its_host_and_the_trace_starts_at_the_callers_line() {
        StageRun run = StageRun.capturing(runOf("a.example", "b.example").targets(),
                StageRun.Settings.withTimeout(Duration.ofSeconds(1)).failIn("b.example"));
        Target spared = run.targets().get(0);
        Target failing = run.targets().get(1);

        run.failHereIfAsked(spared, "the read");
        IllegalStateException bug = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> run.failHereIfAsked(failing, "the read"));

        assertThat(bug).hasMessage("a bug in the read (put there by --fail-in)");
        assertThat(bug.getStackTrace()[0].getClassName()).startsWith(RunTest.class.getName());
    }

    @Test
    void a_request_reported_twice_is_the_stages_bug_and_the_first_report_stands() {
        StageRun run = runOf("a.example", "b.example");

        int status = run.execute((targets, r) -> {
            r.answered(targets.get(0), OK);
            r.failed(targets.get(0), new java.io.IOException("again"));
            r.answered(targets.get(1), OK);
        }, false);

        assertThat(run.outcome("a.example").answered()).isTrue();
        assertThat(run.answeredCount()).isEqualTo(2);
        assertThat(run.stageBugs()).singleElement().asString()
                .startsWith("a.example was reported twice: first as answered, then as failed");
        assertThat(run.output()).contains("the stage's bug: a.example was reported twice");
        assertThat(status).as("a bug fails the run even though every host answered").isEqualTo(1);
    }

    @Test
    void a_stage_that_throws_keeps_the_answers_it_got_and_each_request_it_left_is_reported() {
        StageRun run = runOf("a.example", "b.example", "c.example");

        int status = run.execute((targets, r) -> {
            r.answered(targets.get(0), OK);
            throw new IllegalStateException("the loop broke");
        }, false);

        assertThat(run.outcome("a.example").answered()).isTrue();
        assertThat(run.outcome("b.example").failure()).contains("the stage never reported this request");
        assertThat(run.outcome("c.example").answered()).isFalse();
        assertThat(run.output()).contains("the stage's bug: requestAll threw java.lang.IllegalStateException: the loop broke")
                .contains("\tat coroutines.testbed.RunTest")
                .contains("the stage's bug: request #2 (b.example) was never reported");
        assertThat(run.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(1, 3);
        assertThat(lastLine(run.output())).isEqualTo(run.summary().toString());
        assertThat(status).isEqualTo(1);
    }

    @Test
    void a_request_not_of_this_run_is_the_stages_bug_and_changes_no_outcome() {
        StageRun run = runOf("a.example");
        Target stranger = new Target("a.example", InetSocketAddress.createUnresolved("a.example", 80));

        run.execute((targets, r) -> {
            r.answered(stranger, OK);
            r.answered(targets.get(0), OK);
        }, false);

        assertThat(run.stageBugs()).singleElement().asString().contains("not one of this run's requests");
        assertThat(run.answeredCount()).isEqualTo(1);
    }

    @Test
    void a_request_numbered_past_the_run_is_the_stages_bug_too_whatever_it_reports() {
        StageRun run = runOf("a.example");
        Target beyond = run.targets().get(0).numbered(7);

        run.execute((targets, r) -> {
            r.connecting(beyond);
            r.read(beyond, OK, OK.length);
            r.failed(beyond, new java.io.IOException("reset"));
            r.answered(targets.get(0), OK);
        }, false);

        assertThat(run.stageBugs()).singleElement().asString().startsWith("reported #7 a.example").contains("not one of this run's requests");
        assertThat(run.outcome(beyond)).isNull();
        assertThat(run.answeredCount()).isEqualTo(1);
    }

    @Test
    void a_failure_quotes_the_status_line_that_came_in_pieces_through_one_reused_buffer() {
        StageRun run = runOf("a.example");
        Target request = run.targets().get(0);
        byte[] chunk = new byte[4096];

        int first = copy("HTTP/1.0 3", chunk);
        run.read(request, chunk, first);
        int second = copy("01 Moved Permanently\r\nLocation: https://a.example/\r\n", chunk);
        run.read(request, chunk, second);
        run.failed(request, new SocketTimeoutException("Read timed out"));

        assertThat(run.outcome(request).failure()).startsWith("timed out (Read timed out) after " + (first + second)
                + " bytes, status line \"HTTP/1.0 301 Moved Permanently\", and the connection still open");
    }

    @Test
    void keeps_no_more_of_an_answer_than_its_first_line_cut_at_a_few_hundred_bytes() {
        StageRun run = runOf("a.example");
        Target request = run.targets().get(0);
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) 'x');

        run.read(request, chunk, chunk.length);
        run.failed(request, new SocketTimeoutException("Read timed out"));

        assertThat(run.outcome(request).failure()).contains("after 4096 bytes, first bytes \""
                + "x".repeat(FirstLine.MOST_BYTES) + "...\" (no line end in the first " + FirstLine.MOST_BYTES + " bytes)");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Puts the text at the start of the buffer, as a read would, and returns its length. */
    private static int copy(String text, byte[] buffer) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        return bytes.length;
    }
}
