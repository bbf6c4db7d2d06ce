package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.command.StageCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace} on a real run of stage 3 against the local hosts: the file a trace viewer is given. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectorTraceTest {

    @TempDir
    Path folder;

    private int status;

    private String execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(SelectorStage.STAGE, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> eventsOf(JsonNode trace) {
        return StreamSupport.stream(trace.get("traceEvents").spliterator(), false).toList();
    }

    /** The names of the tracks of the process named {@code process}. */
    private static List<String> tracksOf(JsonNode trace, String process) {
        int pid = eventsOf(trace).stream()
                .filter(event -> event.get("name").asText().equals("process_name")
                        && event.get("args").get("name").asText().equals(process))
                .findFirst().orElseThrow().get("pid").asInt();
        List<String> names = new ArrayList<>();
        eventsOf(trace).stream()
                .filter(event -> event.get("name").asText().equals("thread_name") && event.get("pid").asInt() == pid)
                .forEach(event -> names.add(event.get("args").get("name").asText()));
        return names;
    }

    @Test
    void a_run_is_written_with_one_track_per_request_and_the_loop_thread_and_flows() throws IOException {
        Path file = folder.resolve("run.json");

        execute("--trace", file.toString(), "--requests", "6", "--no-timeline");

        assertThat(status).isZero();
        JsonNode trace = new ObjectMapper().readTree(file.toFile());
        assertThat(tracksOf(trace, "requests")).containsExactly("#1 so1n.me", "#2 github.com", "#3 google.com",
                "#4 baidu.com", "#5 so1n.me", "#6 github.com");
        // One selector loop: every step ran on the one thread that called requestAll.
        assertThat(tracksOf(trace, "threads")).hasSize(1);
        assertThat(eventsOf(trace)).anySatisfy(event -> assertThat(event.get("ph").asText()).isEqualTo("s"));
        assertThat(trace.get("otherData").get("complete").asBoolean()).isTrue();
    }

    @Test
    void the_loop_thread_shows_each_sleep_in_select_and_what_woke_it() throws IOException {
        Path file = folder.resolve("run.json");

        execute("--trace", file.toString(), "--no-timeline", "--quiet");

        List<JsonNode> sleeps = eventsOf(new ObjectMapper().readTree(file.toFile())).stream()
                .filter(event -> event.get("name").asText().equals("waiting in select")).toList();
        // At least one sleep for the connects and one per read: the hosts answer at different times.
        assertThat(sleeps.size()).isGreaterThan(4);
        assertThat(sleeps).allSatisfy(sleep -> {
            assertThat(sleep.get("ph").asText()).isEqualTo("X");
            assertThat(sleep.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(sleep.get("args").get("timeout_ms").asLong()).isBetween(1L, 5000L);
        });
        assertThat(sleeps).anySatisfy(sleep -> assertThat(sleep.get("args").get("woke").asText()).contains("google.com read"));
    }

    @Test
    void a_refused_host_makes_the_run_not_complete_and_says_why() throws IOException {
        Path file = folder.resolve("run.json");

        execute("--trace", file.toString(), "--fault", "github.com=refuse", "--no-timeline");

        assertThat(status).isEqualTo(1);
        JsonNode other = new ObjectMapper().readTree(file.toFile()).get("otherData");
        assertThat(other.get("complete").asBoolean()).isFalse();
        assertThat(other.get("why").asText()).contains("#2 github.com failed: connection refused");
        assertThat(tracksOf(new ObjectMapper().readTree(file.toFile()), "requests")).hasSize(4);
    }

    @Test
    void a_path_that_cannot_be_written_fails_before_any_request() {
        Path file = folder.resolve("missing").resolve("run.json");

        String output = execute("--trace", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(output).contains(file.toString()).contains("does not exist").contains("Usage: stage3-selector-callbacks")
                .doesNotContain("HTTP/1.0").doesNotContain("hosts answered");
    }
}
