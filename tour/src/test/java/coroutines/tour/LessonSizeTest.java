package coroutines.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each stage's lesson files stay within 2.5 times the article listing they re-tell, and each stage
 * README quotes the count as `java tools/LessonSize.java` prints it today (in the reference only).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonSizeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void every_stage_keeps_within_the_bound_and_its_readme_quotes_its_count() throws IOException, InterruptedException {
        // The counts are the reference's: a copy handed out (stubs) or solved by other answers has other
        // lines in its exercise regions. Every copy leaves classroom/answers out.
        assumeTrue(Files.isDirectory(ROOT.resolve("classroom/answers")),
                "a student copy: its exercise regions are not the reference code the READMEs count");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process count = new ProcessBuilder(java, "tools/LessonSize.java").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(count.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(count.waitFor(60, TimeUnit.SECONDS)).as("LessonSize ended").isTrue();

        assertThat(count.exitValue()).as("every stage within 2.5 times its listing:%n%s", output).isZero();
        List<String> lines = output.lines().toList();
        String header = lines.get(0);
        List<String> stageLines = lines.stream().filter(line -> line.startsWith("stage")).skip(1).toList();
        assertThat(stageLines).hasSize(6);
        for (String line : stageLines) {
            String stage = line.substring(0, line.indexOf(' '));
            assertThat(Files.readString(ROOT.resolve(stage).resolve("README.md")))
                    .as("%s/README.md quotes what `java tools/LessonSize.java` prints today", stage)
                    .contains(header).contains(line);
        }
    }
}
