package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Stage;
import coroutines.testbed.SummaryLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stage's main prints UTF-8 whatever the locale says: run in a child JVM as under a bare
 * container's POSIX locale, with every charset property set to ASCII, it still prints 中文.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandardOutputTest {

    /** The child: a stage that answers every local host with a page in Chinese and an escape sequence. */
    public static final class AsciiLocaleStage {
        public static void main(String[] args) {
            byte[] page = "HTTP/1.0 200 OK\r\n\r\n中文\u001b[2J\r\n".getBytes(StandardCharsets.UTF_8);
            StageCommand.main(new Stage("ascii-locale-stage", "", "", (targets, run) ->
                    targets.forEach(target -> run.answered(target, page))), args);
        }
    }

    @Test
    void prints_utf8_and_escapes_control_characters_under_an_ascii_locale() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(java.toString(),
                "-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII", "-Dstdout.encoding=US-ASCII",
                "-Dsun.jnu.encoding=US-ASCII", "-cp", System.getProperty("java.class.path"),
                AsciiLocaleStage.class.getName(), "--no-timeline", "so1n.me", "--resolve", "so1n.me:9:127.0.0.1");
        child.environment().put("LC_ALL", "C");
        child.environment().remove("LANG");
        child.redirectErrorStream(true);
        Process process = child.start();

        byte[] output = process.getInputStream().readAllBytes();

        assertThat(process.waitFor()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).contains("中文\\x1b[2J\n").doesNotContain("\u001b").doesNotContain("??");
        List<String> lines = List.of(text.strip().split("\n"));
        assertThat(SummaryLine.parse(lines.get(lines.size() - 1)))
                .extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(1, 1);
    }
}
