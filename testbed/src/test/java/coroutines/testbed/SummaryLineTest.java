package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The summary line's one format and one parser: what the run prints parses back to the same figures. */
class SummaryLineTest {

    @Test
    void prints_the_format_every_reader_parses() {
        assertThat(new SummaryLine(3, 4, 412, 8)).hasToString("3 of 4 hosts answered in 412 ms, client CPU 8 ms");
    }

    @Test
    void parses_what_it_prints() {
        SummaryLine line = new SummaryLine(10_000, 10_000, 1_234_567, 89);

        assertThat(SummaryLine.parse(line.toString())).isEqualTo(line);
        assertThat(SummaryLine.parse(line + "\r")).as("a line that ended in CR LF").isEqualTo(line);
    }

    @Test
    void a_line_that_is_not_one_is_named_in_the_error() {
        assertThatThrownBy(() -> SummaryLine.parse("4 of 4 hosts answered in 12 ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a summary line (N of M hosts answered in W ms, client CPU C ms):"
                        + " \"4 of 4 hosts answered in 12 ms\"");
        assertThatThrownBy(() -> SummaryLine.parse("x 4 of 4 hosts answered in 1 ms, client CPU 1 ms\u001b[2J"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("\"x 4 of 4 hosts answered in 1 ms, client CPU 1 ms\\x1b[2J\"");
    }

    @Test
    void finds_the_first_summary_line_in_output_that_goes_on_after_it() {
        String output = "github.com failed: timed out\n"
                + "3 of 4 hosts answered in 455 ms, client CPU 12 ms\n"
                + "process CPU 30 ms\n";

        assertThat(SummaryLine.findIn(output)).contains(new SummaryLine(3, 4, 455, 12));
        assertThat(SummaryLine.findIn("no summary here\n3 of 4 hosts answered\n")).isEmpty();
    }

    @Test
    void says_whether_every_request_was_answered() {
        assertThat(new SummaryLine(4, 4, 1, 1).allAnswered()).isTrue();
        assertThat(new SummaryLine(3, 4, 1, 1).allAnswered()).isFalse();
    }
}
