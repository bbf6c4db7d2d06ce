package coroutines.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import coroutines.testbed.SummaryLine;
import coroutines.testbed.Target;
import coroutines.testkit.DocChecks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tour runs every stage and its table tells the truth about them; the docs hold together. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TourTest {

    /** One run per list of arguments: several tests read their own truth off the same run, as a reader does. */
    private static final Map<List<String>, String> RUNS = new ConcurrentHashMap<>();

    private static String tour(String... args) {
        return RUNS.computeIfAbsent(List.of(args), key -> runTour(args));
    }

    private static String runTour(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Tour.run(both, both, args);
        return buffer.toString(StandardCharsets.UTF_8) + (status == 0 ? "" : "\n(exit status " + status + ")");
    }

    @Test
    void its_table_has_a_row_per_stage_that_agrees_with_that_stages_summary_line() {
        String output = tour("--no-timeline");

        for (var stage : Tour.STAGES) {
            SummaryLine summary = summaryOf(output, stage.name());
            Matcher row = Pattern.compile("\\| " + Pattern.quote(stage.name()) + " +\\| [^|]+\\| (\\d+) ms +\\| (\\d+) ms +\\|"
                    + " \\d+ +\\| [\\d-]+ +\\| (\\d+) of (\\d+) +\\|").matcher(output);
            assertThat(row.find()).as("table row of %s in%n%s", stage.name(), output).isTrue();

            assertThat(row.group(1)).as("wall time of " + stage.name()).isEqualTo(String.valueOf(summary.wallMillis()));
            assertThat(row.group(2)).as("client CPU of " + stage.name()).isEqualTo(String.valueOf(summary.clientCpuMillis()));
            assertThat(row.group(3) + " of " + row.group(4)).isEqualTo(summary.answered() + " of " + summary.requests());
        }
        assertThat(output).doesNotContain("(exit status");
    }

    @Test
    void prints_each_response_in_full_once_and_names_its_host_where_it_comes_again() {
        String output = tour("--no-timeline");

        assertThat(output.lines().filter(line -> line.startsWith("HTTP/1.1 301"))).hasSize(HOSTS.size());
        for (String host : HOSTS) {
            assertThat(output.lines().filter(line -> line.equals("Location: https://" + host + "/"))).as(host).hasSize(1);
            // Every later stage still says where each answer came, in the order it came.
            assertThat(output.lines().filter(line -> line.equals("(the response of " + host + ", as shown above)")))
                    .as(host).hasSize(Tour.STAGES.size() - 1);
        }
    }

    @Test
    void shows_a_response_again_when_it_differs_from_the_ones_shown() {
        // given: a stage that printed two responses, one of them already shown by an earlier stage
        byte[] seen = "HTTP/1.0 200 OK\r\n\r\nseen".getBytes(StandardCharsets.US_ASCII);
        byte[] other = "HTTP/1.0 200 OK\r\n\r\nother".getBytes(StandardCharsets.US_ASCII);
        List<Target> targets = List.of(new Target("one.test", null), new Target("two.test", null));
        StageRun run = StageRun.capturing(targets, Duration.ofSeconds(1));
        run.answered(run.targets().get(0), seen);
        run.answered(run.targets().get(1), other);
        Set<String> shown = new HashSet<>(Set.of(StageRun.shown(seen) + System.lineSeparator()));

        // when
        String kept = Tour.eachResponseOnce("before" + System.lineSeparator() + run.output(), Tour.answersOf(run), shown);

        // then
        assertThat(kept).startsWith("before").contains("(the response of one.test, as shown above)")
                .doesNotContain("seen").contains("other");
        assertThat(shown).hasSize(2);
    }

    @Test
    void defines_every_column_under_the_table() {
        String output = tour("--no-timeline");
        List<String> afterTheTable = output.substring(output.lastIndexOf("|\n") + 2).lines().toList();

        for (String column : Tour.COLUMNS.subList(2, Tour.COLUMNS.size())) {
            assertThat(afterTheTable).as("a line defining '%s'", column).anyMatch(line -> line.startsWith(column + "  "));
        }
    }

    @Test
    void reads_per_host_counts_the_recv_lines_stage_3_prints() {
        String output = tour("--no-timeline");
        String stage3 = Tour.STAGES.get(2).name();
        String section = sectionOf(output, stage3);
        Matcher row = Pattern.compile("\\| " + stage3 + " +(?:\\| [^|]+){4}\\| (\\d+)(?:-(\\d+))? +\\|").matcher(output);
        assertThat(row.find()).as(output).isTrue();
        long fewest = Long.parseLong(row.group(1));
        long most = row.group(2) == null ? fewest : Long.parseLong(row.group(2));

        for (String host : HOSTS) {
            long recvLines = section.lines().filter(line -> line.equals("recv " + host + " body success")).count();
            assertThat(recvLines).as(host).isBetween(fewest, most);
        }
    }

    @Test
    void its_closing_sentences_are_the_figures_of_the_run_it_ends() {
        String output = tour("--no-timeline");
        SummaryLine polling = summaryOf(output, Tour.STAGES.get(1).name());

        assertThat(output).contains("Polling (stage 2) kept the CPU busy for " + polling.clientCpuMillis() + " ms of its "
                + polling.wallMillis() + " ms");
    }

    @Test
    void its_closing_sentences_follow_the_figures_fed_in() {
        // given: a run where polling was busy, and one where the machine starved it of CPU
        List<Tour.Row> busy = List.of(row("stage1-blocking", 1200, 20, 455, 1190), row("stage2-nonblocking-poll", 460, 400),
                row("stage3-selector-callbacks", 470, 10), row("stage5-tasks-futures", 480, 24));
        List<Tour.Row> starved = List.of(busy.get(0), row("stage2-nonblocking-poll", 461, 127), busy.get(2), busy.get(3));

        // when / then
        assertThat(Tour.whatTheFiguresSay(busy)).isEqualTo(String.join(System.lineSeparator(),
                "Stage 1 asks one host after another: it took 1200 ms, and its requests' own times add up to 1190 ms.",
                "Stages 2 to 5 keep every request in flight at once: they took 460 ms to 480 ms,"
                        + " and stage 1's slowest request (baidu.com) took 455 ms alone.",
                "Polling (stage 2) kept the CPU busy for 400 ms of its 460 ms (87 %);"
                        + " the stages that wait to be told (3 to 5) for at most 5 % of theirs (24 ms of 480 ms)."));
        assertThat(Tour.whatTheFiguresSay(starved)).contains("for 127 ms of its 461 ms (28 %)").doesNotContain("whole time");
    }

    private static Tour.Row row(String stage, long wall, long cpu) {
        return row(stage, wall, cpu, 0, 0);
    }

    private static Tour.Row row(String stage, long wall, long cpu, long slowest, long addedUp) {
        return new Tour.Row(stage, "what changed", wall, cpu, 1, "3", "4 of 4", new Tour.Slowest("baidu.com", slowest), addedUp);
    }

    private static final List<String> HOSTS = List.of("so1n.me", "github.com", "google.com", "baidu.com");

    /** The summary line a stage's section of the tour printed, parsed by the one parser. */
    private static SummaryLine summaryOf(String output, String stage) {
        String section = sectionOf(output, stage);
        return SummaryLine.findIn(section)
                .orElseThrow(() -> new AssertionError("no summary line in the section of " + stage + ":\n" + section));
    }

    /** What one stage printed: from its heading to the next one (or the table). */
    private static String sectionOf(String output, String stage) {
        int start = output.indexOf("=== " + stage + ": ");
        assertThat(start).as("the heading of %s in%n%s", stage, output).isNotNegative();
        int next = output.indexOf("===", start + 3);
        int table = output.indexOf("| stage ", start);
        return output.substring(start, next > 0 ? next : table);
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
    void starts_each_stage_in_a_jvm_of_its_own_with_the_flags_a_stage_needs() {
        // given: a stage that prints its pid and JVM options, run twice
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        // when
        int status = Tour.run(both, both, new String[] {"--no-timeline"},
                List.of(TestStages.WhereItRan.class, TestStages.WhereItRan.class), Duration.ofSeconds(60));

        // then: two processes, neither of them this one, each with the continuation export
        String output = buffer.toString(StandardCharsets.UTF_8);
        List<String> pids = output.lines().filter(line -> line.startsWith("pid ")).map(line -> line.substring(4)).toList();
        assertThat(pids).as(output).hasSize(2).doesNotHaveDuplicates()
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(output.lines().filter(line -> line.startsWith("jvm options ")))
                .hasSize(2).allMatch(line -> line.contains("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"));
        assertThat(output).contains("| where-it-ran ");
        assertThat(status).isZero();
        assertThat(ProcessHandle.current().children()).as("a stage's JVM left running").isEmpty();
    }

    @Test
    void stops_a_stage_that_never_ends_and_names_it() {
        // given: a stage that waits for nothing that can come, and a short bound
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        // when
        int status = Tour.run(both, both, new String[0], List.of(TestStages.Stuck.class, TestStages.WhereItRan.class),
                Duration.ofSeconds(5));

        // then: what it printed, why the tour stopped, no later stage, no JVM left running
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("stuck from here on")
                .contains("stuck did not end within 5 s").contains("the tour stopped its JVM")
                .doesNotContain("=== where-it-ran");
        assertThat(status).isEqualTo(1);
        assertThat(ProcessHandle.current().children()).as("a stage's JVM left running").isEmpty();
    }

    /** Where the tour's page and trace go: one folder for the class, as the runs are shared. */
    @TempDir
    static Path drawn;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A whole tour that writes its page and its trace. */
    private static String drawnTour() {
        return tour("--no-timeline", "--picture", drawn.resolve("tour.html").toString(),
                "--trace", drawn.resolve("tour.json").toString());
    }

    /** The JSON the tour's page embeds. */
    private static JsonNode pageData(Path page) throws IOException {
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"tour-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(page, StandardCharsets.UTF_8));
        assertThat(data.find()).as("the page has its data element").isTrue();
        return JSON.readTree(data.group(1));
    }

    @Test
    void its_picture_is_one_page_with_every_stage_in_order_each_with_a_lane_per_request() throws IOException {
        String output = drawnTour();

        JsonNode stages = pageData(drawn.resolve("tour.html")).get("stages");
        assertThat(stages.findValuesAsText("stage")).as(output).isEqualTo(Tour.STAGES.stream().map(Stage::name).toList());
        for (JsonNode stage : stages) {
            assertThat(stage.get("requests").findValuesAsText("host")).as(stage.get("stage").asText()).isEqualTo(HOSTS);
            Set<Integer> requestsWithEvents = new HashSet<>();
            stage.get("events").forEach(event -> requestsWithEvents.add(event.get(0).asInt()));
            assertThat(requestsWithEvents).as("the requests with events in " + stage.get("stage").asText())
                    .containsExactlyInAnyOrder(1, 2, 3, 4);
            assertThat(stage.get("incomplete").isNull()).isTrue();
        }
        assertThat(output).doesNotContain("(exit status");
    }

    @Test
    void its_trace_is_one_file_with_the_processes_of_every_stage_in_order() throws IOException {
        drawnTour();

        JsonNode trace = JSON.readTree(drawn.resolve("tour.json").toFile());
        List<String> processes = new ArrayList<>();
        trace.get("traceEvents").forEach(event -> {
            if (event.get("name").asText().equals("process_name")) {
                processes.add(event.get("args").get("name").asText());
            }
        });
        List<String> expected = new ArrayList<>();
        Tour.STAGES.forEach(stage -> expected.addAll(List.of(stage.name() + ": requests", stage.name() + ": threads")));
        assertThat(processes).isEqualTo(expected);
        assertThat(trace.get("otherData").get("complete").asBoolean()).isTrue();
    }

    @Test
    void a_picture_or_trace_that_cannot_be_written_is_a_usage_error_before_any_stage_runs() {
        String missing = drawn.resolve("no-such-folder").resolve("tour.html").toString();

        String picture = tour("--picture", missing);
        String trace = tour("--trace=" + missing);

        assertThat(picture).contains("--picture: cannot write '" + missing + "': there is no directory")
                .doesNotContain("===").endsWith("(exit status 2)");
        assertThat(trace).contains("--trace: cannot write a trace to " + missing).contains("does not exist")
                .doesNotContain("===").endsWith("(exit status 2)");
    }

    @Test
    void a_stage_that_fails_or_is_stopped_is_on_the_page_marked_incomplete() throws IOException {
        // given: a stage whose request to github.com is refused, then one that never ends
        Path page = drawn.resolve("stopped.html");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        // when
        int status = Tour.run(both, both, new String[] {"--no-timeline", "--fault", "github.com=refuse", "--picture",
            page.toString()}, List.of(TestStages.WhereItRan.class, TestStages.Stuck.class), Duration.ofSeconds(8));

        // then: both are on the page, each saying why it is incomplete
        JsonNode stages = pageData(page).get("stages");
        assertThat(status).isEqualTo(1);
        assertThat(stages.findValuesAsText("stage")).as(buffer.toString(StandardCharsets.UTF_8))
                .containsExactly("where-it-ran", "stuck");
        assertThat(stages.get(0).get("incomplete").asText()).contains("github.com: connection refused");
        assertThat(stages.get(0).get("requests")).hasSize(HOSTS.size());
        assertThat(stages.get(1).get("incomplete").asText()).contains("stuck did not end within 8 s");
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
