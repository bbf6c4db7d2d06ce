package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.KeyInterest;
import coroutines.testbed.SelectWait;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void a_selector_loop_has_a_lane_and_the_state_says_which_sleep_woke_for_the_step() throws Exception {
        Path looped = directory.resolve("loop.html");
        RunPage.Picture picture = RunPageTest.twoRequests();
        long t = picture.events().get(0).nanos();
        // The loop sleeps after the two connects; the first sleep wakes for connected, the second for sent and later.
        RunPage.write(looped, new RunPage.Picture(picture.stage(), picture.summary(), picture.requests(), picture.events(),
                picture.failures(), picture.incomplete(), List.of(new SelectWait(t + 1_500_000, "main", 4999),
                        new SelectWait(t + 2_500_000, "main", 4998))));

        String beforeTheLoop = statePanel(chromium("--dump-dom", looped.toUri() + "#step=2"));
        String woken = statePanel(chromium("--dump-dom", looped.toUri() + "#step=3"));

        assertThat(beforeTheLoop).contains("Event loop: not in select yet");
        assertThat(woken).contains("Event loop: woke from sleep 1 of 2 in select after 0.5 ms")
                .contains("up to 4999 ms").contains("running step 1 of the 1 it woke for");
    }

    @Test
    void virtual_threads_show_the_carrier_each_ran_on() throws Exception {
        Path carried = directory.resolve("carried.html");
        RunPage.Picture picture = RunPageTest.twoRequests();
        List<String> carriers = new ArrayList<>();
        for (int i = 0; i < picture.events().size(); i++) {
            carriers.add(i < 2 ? null : "ForkJoinPool-1-worker-" + (i % 2 + 1));
        }
        RunPage.write(carried, new RunPage.Picture(picture.stage(), picture.summary(), picture.requests(), picture.events(),
                picture.failures(), picture.incomplete(), List.of(), Map.of(), carriers));

        String panel = statePanel(chromium("--dump-dom", carried.toUri() + "#step=4"));

        // Steps 3 and 4 ran on carriers 1 and 2, on the threads main and "worker <b>1</b>".
        assertThat(panel).contains("Virtual threads so far: 2, on 2 carrier threads in this run")
                .contains("ForkJoinPool-1-worker-1 last ran main").contains("ForkJoinPool-1-worker-2 last ran worker &lt;b&gt;1&lt;/b&gt;");
    }

    @Test
    void a_loop_on_keys_shows_what_each_key_waits_for_and_the_running_count() throws Exception {
        Path keyed = directory.resolve("keys.html");
        RunPage.Picture picture = RunPageTest.twoRequests();
        long t = picture.events().get(0).nanos();
        // so1n.me's key: connect, then read once it has sent (after event 4); the markup host's key: connect.
        List<KeyInterest> keys = List.of(new KeyInterest(t, 1, 8), new KeyInterest(t + 1_000_000, 2, 8),
                new KeyInterest(t + 3_500_000, 1, 1));
        RunPage.write(keyed, new RunPage.Picture(picture.stage(), picture.summary(), picture.requests(), picture.events(),
                picture.failures(), picture.incomplete(), List.of(), Map.of(), List.of(), keys));

        String afterSent = statePanel(chromium("--dump-dom", keyed.toUri() + "#step=4"));
        String afterFailure = statePanel(chromium("--dump-dom", keyed.toUri() + "#step=7"));

        assertThat(afterSent).contains("so1n.me waits for OP_READ; &lt;script&gt;").contains("waits for OP_CONNECT. running_cnt")
                .contains("running_cnt (requests registered and not yet ended): 2.");
        assertThat(afterFailure).contains("The selector's keys: so1n.me waits for OP_READ. running_cnt (requests registered and not yet ended): 1.");
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
