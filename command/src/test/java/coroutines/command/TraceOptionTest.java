package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Stage;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace FILE.json}: a bad path is a usage error before any request; a run is written, complete or not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TraceOptionTest {

    @TempDir
    Path folder;

    private final List<Target> requested = new CopyOnWriteArrayList<>();
    private int status;

    /** Connects nowhere: records what it was asked, answers each request, or fails the one --fail-in names. */
    private final Stage stage = new Stage("stage0-trace", "", "", (targets, run) -> {
        for (Target target : targets) {
            requested.add(target);
            run.connecting(target);
            try {
                run.failHereIfAsked(target, "the one step");
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalStateException bug) {
                run.failed(target, bug);
            }
        }
    }, "the one step");

    private String execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(stage, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode otherData(Path trace) throws IOException {
        return new ObjectMapper().readTree(trace.toFile()).get("otherData");
    }

    @Test
    void a_file_in_a_missing_folder_is_a_usage_error_naming_the_path_and_the_reason_before_any_request() {
        Path trace = folder.resolve("no-such-folder").resolve("run.json");

        String output = execute("--trace", trace.toString(), "--resolve", "so1n.me:8080:127.0.0.1", "so1n.me");

        assertThat(output).contains("--trace").contains(trace.toString()).contains("does not exist")
                .contains("Usage: stage0-trace");
        assertThat(status).isEqualTo(2);
        assertThat(requested).isEmpty();
    }

    @Test
    void a_folder_given_as_the_file_is_a_usage_error() {
        String output = execute("--trace", folder.toString(), "--resolve", "so1n.me:8080:127.0.0.1", "so1n.me");

        assertThat(output).contains(folder.toString()).contains("it is a folder");
        assertThat(status).isEqualTo(2);
        assertThat(requested).isEmpty();
    }

    @Test
    void a_run_that_answered_every_request_is_written_as_complete() throws IOException {
        Path trace = folder.resolve("run.json");

        execute("--trace", trace.toString(), "--resolve", "so1n.me:8080:127.0.0.1", "--resolve", "github.com:8080:127.0.0.1",
                "so1n.me", "github.com", "--no-timeline");

        assertThat(status).isZero();
        assertThat(otherData(trace).get("complete").asBoolean()).isTrue();
        assertThat(otherData(trace).get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void a_run_with_a_failed_request_is_written_as_not_complete_with_why() throws IOException {
        Path trace = folder.resolve("run.json");

        execute("--trace", trace.toString(), "--resolve", "so1n.me:8080:127.0.0.1", "--resolve", "github.com:8080:127.0.0.1",
                "so1n.me", "github.com", "--fail-in", "github.com", "--no-timeline");

        assertThat(status).isEqualTo(1);
        assertThat(otherData(trace).get("complete").asBoolean()).isFalse();
        assertThat(otherData(trace).get("why").asText()).contains("#2 github.com failed: ").contains("a bug in the one step");
    }
}
