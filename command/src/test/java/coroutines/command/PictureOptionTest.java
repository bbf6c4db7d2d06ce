package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The option --picture on the command line: checked before any request, written after the run whatever its outcome. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PictureOptionTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"run-data\">(.*?)</script>", Pattern.DOTALL);

    private final List<Target> targetsSeen = new CopyOnWriteArrayList<>();

    /** Connects nowhere: answers every request but the one for bad.example, which fails. */
    private final Stage stage = new Stage("stage0-picture", "", "", (targets, run) -> {
        targetsSeen.addAll(targets);
        for (Target target : targets) {
            run.connecting(target);
            if (target.host().equals("bad.example")) {
                run.failed(target, new IOException("refused on purpose"));
            } else {
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
            }
        }
    });

    private int status;

    private String execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(stage, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String[] toLoopback(String... hosts) {
        String address = InetAddress.getLoopbackAddress().getHostAddress();
        return Stream.of(hosts).flatMap(host -> Stream.of(host, "--resolve", host + ":80:" + address))
                .toArray(String[]::new);
    }

    private static JsonNode dataOf(Path page) throws IOException {
        Matcher data = DATA.matcher(Files.readString(page));
        assertThat(data.find()).as("the page has its data element").isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void a_jvm_stopped_during_the_run_still_writes_the_page_marked_cut_short(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");
        List<Target> targets = List.of(new Target("so1n.me", InetSocketAddress.createUnresolved("localhost", 80)),
                new Target("github.com", InetSocketAddress.createUnresolved("localhost", 80)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        StageRun run = new StageRun(targets, Duration.ofSeconds(5), out);
        run.connecting(run.targets().get(0));

        PictureFile.Stopping stopping = PictureFile.whileRunning(page, "stage0-picture", run, out);
        stopping.writeCutShort(page, "stage0-picture", run, out); // what the hook does when the JVM stops now

        JsonNode data = dataOf(page);
        assertThat(data.get("incomplete").asText())
                .startsWith("the JVM was stopped (Ctrl-C or a signal) before the run ended; 0 of 2 requests had ended");
        assertThat(data.get("events")).hasSize(1);
        // Once the run has ended, the hook is gone and would write nothing over the finished page.
        stopping.runEnded();
        assertThat(Runtime.getRuntime().removeShutdownHook(stopping.hook())).as("the hook is still registered").isFalse();
        Files.writeString(page, "the finished page");
        stopping.writeCutShort(page, "stage0-picture", run, out);
        assertThat(Files.readString(page)).isEqualTo("the finished page");
    }

    @Test
    void a_run_writes_a_page_with_one_lane_per_request(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");

        execute(with(toLoopback("so1n.me", "github.com"), "--requests", "5", "--picture", page.toString()));

        assertThat(status).isZero();
        JsonNode data = dataOf(page);
        assertThat(data.get("requests")).hasSize(5);
        assertThat(data.get("events")).hasSize(10);
        assertThat(data.get("incomplete").isNull()).isTrue();
        assertThat(data.get("stage").asText()).isEqualTo("stage0-picture");
        assertThat(data.get("summary").asText()).startsWith("5 of 5 hosts answered in ");
    }

    @Test
    void a_failed_request_still_writes_the_page_marked_incomplete(@TempDir Path directory) throws IOException {
        Path page = directory.resolve("run.html");

        execute(with(toLoopback("so1n.me", "bad.example"), "--picture", page.toString()));

        assertThat(status).isEqualTo(1);
        JsonNode data = dataOf(page);
        assertThat(data.get("incomplete").asText()).startsWith("1 of 2 requests failed (bad.example: ")
                .contains("refused on purpose");
        assertThat(data.get("requests").get(1).get("failure").asText()).contains("refused on purpose");
    }

    @Test
    void a_page_that_cannot_be_written_after_the_run_says_why_and_fails_the_run(@TempDir Path directory) throws IOException {
        Path folder = Files.createDirectory(directory.resolve("gone-during-the-run"));
        Path page = folder.resolve("run.html");
        Stage removingTheFolder = new Stage("stage0-picture", "", "", (targets, run) -> {
            for (Target target : targets) {
                run.answered(target, "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            try {
                Files.delete(folder);
            } catch (IOException e) {
                throw new IllegalStateException("the test could not remove " + folder, e);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

        status = StageCommand.execute(removingTheFolder, printer, printer,
                with(toLoopback("so1n.me"), "--picture", page.toString())).status();

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 of 1 hosts answered")
                .contains("--picture " + page + ": the page could not be written: java.nio.file.NoSuchFileException");
    }

    @Test
    void a_path_in_a_missing_directory_is_a_usage_error_before_any_request(@TempDir Path directory) {
        Path page = directory.resolve("no-such-directory").resolve("run.html");

        String output = execute(with(toLoopback("so1n.me"), "--picture", page.toString()));

        assertThat(status).isEqualTo(2);
        assertThat(output).contains("--picture").contains("cannot write '" + page + "': there is no directory "
                + page.getParent().toAbsolutePath()).contains("Usage: stage0-picture");
        assertThat(targetsSeen).isEmpty();
    }

    @Test
    void a_directory_is_a_usage_error_before_any_request(@TempDir Path directory) {
        String output = execute(with(toLoopback("so1n.me"), "--picture", directory.toString()));

        assertThat(status).isEqualTo(2);
        assertThat(output).contains("cannot write '" + directory + "': it is a directory");
        assertThat(targetsSeen).isEmpty();
    }
}
