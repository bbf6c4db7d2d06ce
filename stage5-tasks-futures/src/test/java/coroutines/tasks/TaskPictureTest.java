package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testkit.PictureRun;
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
        PictureRun drawn = PictureRun.of(TaskStage.STAGE, directory, "--fail-in", "github.com");

        int failedStep = drawn.run().events().indexOfFirst(Event.Kind.FAILED) + 1;
        assertThat(drawn.picture().notes()).containsOnlyKeys(failedStep);
        // read, then readResponse that yieldFrom-ed it, then request: the chain of coroutines, as in the article.
        assertThat(String.join("\n", drawn.picture().notes().get(failedStep)))
                .containsSubsequence("HttpRequest.lambda$read$", "HttpRequest.lambda$readResponse$", "HttpRequest.lambda$request$");
        assertThat(drawn.picture().selectWaits()).as("stage 5's loop sleeps in select too").isNotEmpty();
    }
}
