package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.command.StageCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.SelectionKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stage 3 run from its command line with --picture, against the local hosts: the page it leaves behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectorPictureTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"run-data\">(.*?)</script>", Pattern.DOTALL);

    private String output;

    private StageCommand.Execution execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        StageCommand.Execution execution = StageCommand.execute(SelectorStage.STAGE, printer, printer, args);
        output = out.toString(StandardCharsets.UTF_8);
        return execution;
    }

    private static JsonNode dataOf(Path page) throws IOException {
        Matcher data = DATA.matcher(Files.readString(page));
        assertThat(data.find()).as("the page has its data element").isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    @Test
    void the_page_has_one_lane_per_request_and_every_event(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");

        StageCommand.Execution execution = execute("--requests", "6", "--quiet", "--picture", page.toString());

        assertThat(execution.status()).as(output).isZero();
        JsonNode data = dataOf(page);
        assertThat(data.get("requests")).hasSize(6);
        assertThat(data.get("events")).hasSize(execution.run().orElseThrow().events().all().size());
        assertThat(data.get("incomplete").isNull()).isTrue();
        assertThat(data.get("summary").asText()).isEqualTo(execution.run().orElseThrow().summary().toString());
        // The loop's lane: each sleep in select, and the steps it woke for are all the run's steps after the first sleep.
        JsonNode sleeps = data.get("selectWaits");
        assertThat(sleeps).hasSize(execution.run().orElseThrow().events().selectWaits().size());
        assertThat(sleeps.size()).isGreaterThan(4);
        int woken = 0;
        for (JsonNode sleep : sleeps) {
            assertThat(sleep.get(1).asLong()).as("a sleep ends after it begins").isGreaterThanOrEqualTo(sleep.get(0).asLong());
            woken += sleep.get(5).asInt();
        }
        assertThat(woken).as("every step after the loop began was woken by one sleep")
                .isEqualTo(data.get("events").size() - sleeps.get(0).get(4).asInt());
        // The selector's keys: each request's key waits to connect first, and to read last.
        for (int request = 1; request <= 6; request++) {
            List<Integer> interests = new ArrayList<>();
            for (JsonNode key : data.get("keys")) {
                if (key.get(1).asInt() == request) {
                    interests.add(key.get(2).asInt());
                }
            }
            assertThat(interests).as("request #%d's interest sets", request).isNotEmpty();
            assertThat(interests.get(0)).isIn(SelectionKey.OP_CONNECT, SelectionKey.OP_WRITE);
            assertThat(interests.get(interests.size() - 1)).isEqualTo(SelectionKey.OP_READ);
        }
    }

    @Test
    void a_failing_callback_shows_where_the_error_came_out_and_that_the_loop_is_all_its_story(@TempDir Path directory) {
        StageCommand.Execution execution = execute("--fail-in", "github.com", "--quiet", "--picture",
                directory.resolve("run.html").toString());

        var run = execution.run().orElseThrow();
        var picture = coroutines.pictures.RunPage.Picture.of(SelectorStage.STAGE.name(), run);
        int failedStep = run.events().indexOfFirst(coroutines.testbed.Event.Kind.FAILED) + 1;
        assertThat(picture.notes()).containsOnlyKeys(failedStep);
        // The callback, then the loop that called it: the request's earlier steps are not on the stack.
        assertThat(String.join("\n", picture.notes().get(failedStep)))
                .contains("Where the error came out").contains("at coroutines.selector.Request.readResponse(")
                .contains("at coroutines.selector.EventLoop.runCallback(").doesNotContain("Request.connected(");
    }

    @Test
    void a_refused_host_leaves_a_page_marked_incomplete_that_names_it(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");

        StageCommand.Execution execution = execute("--fault", "github.com=refuse", "--quiet", "--picture", page.toString());

        assertThat(execution.status()).as(output).isEqualTo(1);
        JsonNode data = dataOf(page);
        assertThat(data.get("incomplete").asText()).startsWith("1 of 4 requests failed (github.com: ");
        JsonNode github = data.get("requests").get(1);
        assertThat(github.get("host").asText()).isEqualTo("github.com");
        assertThat(github.get("failure").asText()).isEqualTo(execution.run().orElseThrow().outcome("github.com").failure());
    }

    @Test
    void a_run_cut_short_by_max_time_leaves_a_page_marked_incomplete(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");

        // The other hosts answer at once, far within the limit; only the silent one meets it.
        StageCommand.Execution execution = execute("--fault", "google.com=silent", "--max-time", "1000",
                "--latency", "so1n.me=0", "--latency", "github.com=0", "--latency", "baidu.com=0", "--quiet",
                "--picture", page.toString());

        assertThat(execution.status()).as(output).isEqualTo(1);
        JsonNode data = dataOf(page);
        assertThat(data.get("incomplete").asText()).startsWith("1 of 4 requests failed (google.com: ").contains("--max-time 1000 ms");
        assertThat(data.get("events")).hasSize(execution.run().orElseThrow().events().all().size());
    }

    @Test
    void a_path_that_cannot_be_written_fails_before_any_request(@TempDir Path directory) {
        Path page = directory.resolve("missing").resolve("run.html");

        StageCommand.Execution execution = execute("--picture", page.toString());

        assertThat(execution.status()).isEqualTo(2);
        assertThat(execution.run()).as("no run was made").isEmpty();
        assertThat(output).contains("cannot write '" + page + "': there is no directory " + page.getParent().toAbsolutePath())
                .doesNotContain("hosts answered");
    }
}
