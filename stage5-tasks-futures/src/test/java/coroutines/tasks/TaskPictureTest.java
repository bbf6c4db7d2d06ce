package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.StageCommand;
import coroutines.pictures.RunPage;
import coroutines.testbed.Event;
import coroutines.testbed.StageRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stage 5 with --picture: a failing coroutine's page shows its whole story, where stage 3's shows only the loop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskPictureTest {

    @Test
    void a_failing_coroutine_shows_each_coroutine_that_waited_for_it(@TempDir Path directory) {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StageCommand.Execution execution = StageCommand.execute(TaskStage.STAGE, discard, discard,
                new String[] {"--fail-in", "github.com", "--quiet", "--picture", directory.resolve("run.html").toString()});

        StageRun run = execution.run().orElseThrow();
        RunPage.Picture picture = RunPage.Picture.of(TaskStage.STAGE.name(), run);
        int failedStep = run.events().indexOfFirst(Event.Kind.FAILED) + 1;
        assertThat(picture.notes()).containsOnlyKeys(failedStep);
        // read, then readResponse that yieldFrom-ed it, then request: the chain of coroutines, as in the article.
        assertThat(String.join("\n", picture.notes().get(failedStep)))
                .containsSubsequence("HttpRequest.lambda$read$", "HttpRequest.lambda$readResponse$", "HttpRequest.lambda$request$");
        assertThat(picture.selectWaits()).as("stage 5's loop sleeps in select too").isNotEmpty();
    }
}
