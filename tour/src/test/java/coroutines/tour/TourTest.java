package coroutines.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coroutines.testkit.DocChecks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tour runs every stage and its table tells the truth about them; the docs hold together. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TourTest {

    private static String tour(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Tour.run(both, both, args);
        return buffer.toString(StandardCharsets.UTF_8) + (status == 0 ? "" : "\n(exit status " + status + ")");
    }

    @Test
    void its_table_has_a_row_per_stage_that_agrees_with_that_stages_summary_line() {
        String output = tour("--no-timeline");

        for (var stage : Tour.STAGES) {
            // The section of this stage: from its banner to the next summary line.
            int start = output.indexOf("== " + stage.name() + ": ");
            Matcher summary = Pattern.compile("(\\d+) of (\\d+) hosts answered in (\\d+) ms, client CPU (\\d+) ms")
                    .matcher(output.substring(start));
            assertThat(summary.find()).as(stage.name()).isTrue();
            Matcher row = Pattern.compile("\\| " + Pattern.quote(stage.name()) + " +\\| [^|]+\\| (\\d+) ms +\\| (\\d+) ms +\\|"
                    + " \\d+ +\\| [\\d-]+ +\\| (\\d+) of (\\d+) +\\|").matcher(output);
            assertThat(row.find()).as("table row of %s in%n%s", stage.name(), output).isTrue();

            assertThat(row.group(1)).as("wall time of " + stage.name()).isEqualTo(summary.group(3));
            assertThat(row.group(2)).as("client CPU of " + stage.name()).isEqualTo(summary.group(4));
            assertThat(row.group(3) + " of " + row.group(4)).isEqualTo(summary.group(1) + " of " + summary.group(2));
        }
        assertThat(output).contains(Tour.WHAT_THE_NUMBERS_SHOW).doesNotContain("(exit status");
    }

    @Test
    void passes_options_through_to_every_stage() {
        String output = tour("--no-timeline", "--fault", "github.com=refuse");

        assertThat(output.lines().filter(line -> line.startsWith("github.com failed: connection refused")))
                .hasSize(Tour.STAGES.size());
        assertThat(output).endsWith("(exit status 1)");
    }

    @Test
    void a_usage_error_is_said_once_with_status_2() {
        String output = tour("--no-such-option");

        assertThat(output.lines().filter(line -> line.startsWith("Unknown option"))).hasSize(1);
        assertThat(output).endsWith("(exit status 2)");
    }

    @Test
    void the_tour_shown_in_the_docs_is_what_it_prints() throws IOException {
        // The docs show the whole tour, stage 6 included, which only a JDK 21+ build has (CI runs both).
        assumeTrue(Runtime.version().feature() >= 21, "the documented tour includes stage 6, built on JDK 21+ only");
        int checked = DocChecks.assertProgramOutputs(DocChecks.markdownFiles(Path.of("..")), "tour", TourTest::tour);

        assertThat(checked).isPositive();
    }

    @Test
    void every_relative_link_in_the_docs_resolves() throws IOException {
        assertThat(DocChecks.assertLinksResolve(Path.of("..").toRealPath())).isPositive();
    }

    @Test
    void every_page_has_a_twin_with_the_same_checked_blocks_and_sections() throws IOException {
        assertThat(DocChecks.assertTwinsInStep(Path.of("..").toRealPath())).isPositive();
    }
}
