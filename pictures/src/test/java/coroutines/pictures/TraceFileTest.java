package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Client;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace file's checks before a run, and what is written when the run ends. */
class TraceFileTest {

    @TempDir
    Path folder;

    private static final List<Target> TWO_HOSTS = List.of(
            new Target("so1n.me", InetSocketAddress.createUnresolved("localhost", 80)),
            new Target("github.com", InetSocketAddress.createUnresolved("localhost", 80)));

    /** Answers so1n.me, and fails github.com as a refused connect would. */
    private static final Client ONE_REFUSED = (targets, run) -> {
        for (Target target : targets) {
            run.connecting(target);
            if (target.host().equals("github.com")) {
                run.failed(target, new ConnectException("Connection refused"));
            } else {
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII));
            }
        }
    };

    @Test
    void a_file_in_a_folder_that_does_not_exist_is_refused_with_the_folder_named() {
        Path path = folder.resolve("missing").resolve("run.json");

        assertThatThrownBy(() -> TraceFile.checked(path)).isInstanceOf(TraceFile.Unwritable.class)
                .hasMessageContaining(path.toString()).hasMessageContaining(path.getParent() + " does not exist");
    }

    @Test
    void a_folder_is_refused_as_a_folder() {
        assertThatThrownBy(() -> TraceFile.checked(folder)).isInstanceOf(TraceFile.Unwritable.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("it is a folder");
    }

    @Test
    void a_folder_without_write_permission_is_refused() throws IOException {
        Path locked = Files.createDirectory(folder.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "root may write anywhere: nothing to check here");
            assertThatThrownBy(() -> TraceFile.checked(locked.resolve("run.json"))).isInstanceOf(TraceFile.Unwritable.class)
                    .hasMessageContaining("permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void checking_leaves_no_new_file_behind_and_an_old_one_as_it_was() throws IOException {
        Path fresh = folder.resolve("fresh.json");
        Path old = Files.writeString(folder.resolve("old.json"), "kept");

        TraceFile.checked(fresh);
        TraceFile.checked(old);

        assertThat(fresh).doesNotExist();
        assertThat(old).hasContent("kept");
    }

    @Test
    void a_run_with_a_failed_request_is_written_as_not_complete_with_the_reason() throws IOException {
        Path path = folder.resolve("run.json");
        StageRun run = StageRun.capturing(TWO_HOSTS, Duration.ofSeconds(1));
        StringWriter errors = new StringWriter();

        TraceFile.Writing writing = TraceFile.checked(path).whileRunning(run, "stage-test", new PrintWriter(errors));
        run.execute(ONE_REFUSED, false);
        writing.close();

        JsonNode other = new ObjectMapper().readTree(path.toFile()).get("otherData");
        assertThat(other.get("complete").asBoolean()).isFalse();
        assertThat(other.get("why").asText()).startsWith("1 of 2 requests answered: #2 github.com failed: ");
        assertThat(errors.toString()).isEmpty();
    }

    @Test
    void a_run_that_answered_everything_is_written_as_complete_once() throws IOException {
        Path path = folder.resolve("run.json");
        StageRun run = StageRun.capturing(TWO_HOSTS.subList(0, 1), Duration.ofSeconds(1));

        TraceFile.Writing writing = TraceFile.checked(path).whileRunning(run, "stage-test", new PrintWriter(new StringWriter()));
        run.execute(ONE_REFUSED, false);
        writing.close();
        assertThat(new ObjectMapper().readTree(path.toFile()).get("otherData").get("complete").asBoolean()).isTrue();
        Files.delete(path);
        writing.close();

        assertThat(path).doesNotExist(); // a second close, as the shutdown hook would be, writes nothing
    }
}
