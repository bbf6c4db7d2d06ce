package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testkit.PictureRun;
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
        PictureRun drawn = PictureRun.of(VirtualThreadStage.STAGE, directory);

        assertThat(drawn.picture().carriers()).hasSameSizeAs(drawn.picture().events()).allSatisfy(carrier ->
                assertThat(carrier).as("the default scheduler's carriers").startsWith("ForkJoinPool-"));
        assertThat(drawn.picture().carriers().stream().filter(Objects::nonNull).distinct().count())
                .as("no more carriers than virtual threads").isLessThanOrEqualTo(drawn.run().events().threads().size());
        assertThat(drawn.picture().selectWaits()).as("no selector loop of its own: the JDK's poller is not the lesson's").isEmpty();
    }
}
