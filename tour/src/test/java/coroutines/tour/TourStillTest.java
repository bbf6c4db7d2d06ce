package coroutines.tour;

import coroutines.testkit.PictureChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's still of the tour (docs/pictures/tour.svg, tour.zh.svg) shows what stages 1 to 5 do today. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TourStillTest {

    @Test
    void the_readme_still_is_what_the_tour_s_stages_draw_today() throws IOException {
        PictureChecks.assertTourStillCurrent(ChapterPictures.tourStill(), Path.of("../docs"));
    }
}
