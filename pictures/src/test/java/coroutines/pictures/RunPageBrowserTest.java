package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser: headless Chromium loads it from disk, runs its script, and gives back
 * the DOM or a screenshot. Skipped where Chromium is not installed.
 */
class RunPageBrowserTest {

    @TempDir
    static Path directory;

    private static Path page;

    @BeforeAll
    static void writePage() throws IOException {
        HeadlessChromium.assumeInstalled();
        page = directory.resolve("run.html");
        RunPage.write(page, RunPageTest.twoRequests());
    }

    @Test
    void the_state_panel_follows_the_step_in_the_url_fragment() throws Exception {
        int last = RunPageTest.twoRequests().events().size();

        String first = statePanel(chromium("--dump-dom", url(1)));
        String end = statePanel(chromium("--dump-dom", url(last)));

        assertThat(first).contains("so1n.me: </span><span>connecting").doesNotContain("answered")
                .doesNotContain("failed");
        assertThat(end).contains("so1n.me: </span><span class=\"answered\">answered, 2 reads, 340 bytes")
                .contains("failed: connection refused &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;");
        assertThat(end).as("the markup host is text, not markup").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void the_screenshot_shows_a_picture_not_a_blank_page() throws Exception {
        Path screenshot = directory.resolve("run.png");

        chromium("--screenshot=" + screenshot, "--window-size=1200,800", url(3));

        assertThat(HeadlessChromium.coloursIn(screenshot)).as("distinct colours in the screenshot").isGreaterThan(10);
    }

    @Test
    void above_forty_requests_the_lanes_and_the_state_are_per_host() throws Exception {
        Path large = directory.resolve("large.html");
        RunPage.write(large, RunPageTest.requests(41));

        String end = statePanel(chromium("--dump-dom", large.toUri().toString()));

        assertThat(end).contains("so1n.me: </span><span>11 answered").contains("github.com: </span><span>10 answered")
                .doesNotContain("#41");
    }

    private static String url(int step) {
        return page.toUri() + "#step=" + step;
    }

    private static String statePanel(String dom) {
        return HeadlessChromium.statePanel(dom);
    }

    private static String chromium(String... arguments) throws Exception {
        return HeadlessChromium.run(directory, arguments);
    }
}
