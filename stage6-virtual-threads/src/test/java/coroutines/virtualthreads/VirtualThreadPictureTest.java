package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.StageCommand;
import coroutines.pictures.RunPage;
import coroutines.testbed.StageRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stage 6 with --picture: each step's virtual thread and the carrier it ran on, for the page's state panel. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadPictureTest {

    @Test
    void every_step_names_the_carrier_its_virtual_thread_ran_on(@TempDir Path directory) {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StageCommand.Execution execution = StageCommand.execute(VirtualThreadStage.STAGE, discard, discard,
                new String[] {"--quiet", "--picture", directory.resolve("run.html").toString()});

        StageRun run = execution.run().orElseThrow();
        RunPage.Picture picture = RunPage.Picture.of(VirtualThreadStage.STAGE.name(), run);
        assertThat(picture.carriers()).hasSameSizeAs(picture.events()).allSatisfy(carrier ->
                assertThat(carrier).as("the default scheduler's carriers").startsWith("ForkJoinPool-"));
        assertThat(picture.carriers().stream().filter(Objects::nonNull).distinct().count())
                .as("fewer carriers than virtual threads: 2 cores, 4 requests").isLessThanOrEqualTo(run.events().threads().size());
        assertThat(picture.selectWaits()).as("no selector loop of its own: the JDK's poller is not the lesson's").isEmpty();
    }
}
