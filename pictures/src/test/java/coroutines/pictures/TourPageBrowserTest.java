package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour's page in a real browser (headless Chromium, as {@link RunPageBrowserTest}): it loads with
 * no console error, the step in the URL moves the state panel from stage to stage, and it draws.
 * Skipped where Chromium is not installed.
 */
class TourPageBrowserTest {

    @TempDir
    Path directory;

    private Path page;

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.assumeInstalled();
    }

    @BeforeEach
    void writePage() throws IOException {
        page = directory.resolve("tour.html");
        TourPage.write(page, TourPageTest.threeStages());
    }

    @Test
    void the_state_panel_follows_the_step_through_the_stages() throws Exception {
        int firstStageEvents = RunPageTest.twoRequests().events().size();

        String atFirst = statePanel(1);
        String intoTheSecond = statePanel(firstStageEvents + 1);

        assertThat(atFirst).contains("stage 1 of 3").contains("so1n.me: </span><span>connecting")
                .contains("stage5-tasks-futures: </span><span>not started");
        assertThat(intoTheSecond).contains("stage 2 of 3").contains("stage3-selector-callbacks: </span><span>done")
                .contains("github.com #2: </span><span>not started");
        assertThat(intoTheSecond).as("the stopped stage is listed, with no events")
                .contains("stuck: </span><span>no events (incomplete)");
    }

    @Test
    void the_incomplete_stages_have_their_banner() throws Exception {
        String dom = HeadlessChromium.run(directory, "--dump-dom", page.toUri().toString());

        assertThat(dom).contains("Incomplete run: 1 of 2 requests failed")
                .contains("Incomplete run: stuck did not end within 5 s");
    }

    @Test
    void the_screenshot_shows_a_picture_not_a_blank_page() throws Exception {
        Path screenshot = directory.resolve("tour.png");

        HeadlessChromium.run(directory, "--screenshot=" + screenshot, "--window-size=1200,900", page.toUri() + "#step=5");

        assertThat(HeadlessChromium.coloursIn(screenshot)).as("distinct colours in the screenshot").isGreaterThan(10);
    }

    private String statePanel(int step) throws Exception {
        return HeadlessChromium.statePanel(HeadlessChromium.run(directory, "--dump-dom", page.toUri() + "#step=" + step));
    }
}
