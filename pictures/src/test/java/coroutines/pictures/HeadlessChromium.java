package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Headless Chromium for the pages' browser tests: it loads a page from disk, runs its script, and gives
 * back the DOM or a screenshot; every run is bounded, and a script error fails the test.
 */
final class HeadlessChromium {

    /** Chromium as Debian's package installs it, found on the PATH as CI's install puts it there. */
    static final Path CHROMIUM = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(folder -> !folder.isEmpty()).map(folder -> Path.of(folder, "chromium"))
            .filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/bin/chromium"));

    /** Far above the second a page this small takes; a browser that hangs is killed and the test fails. */
    static final long MOST_SECONDS = 60;

    private static final Pattern STATE_PANEL = Pattern.compile("<aside id=\"state\">(.*?)</aside>", Pattern.DOTALL);

    private HeadlessChromium() {
    }

    /** Skips the calling test class where Chromium is not installed, saying how to install it. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not on the PATH nor at " + CHROMIUM
                + ", so the page is not tried in a browser; install it with: sudo apt-get install chromium");
    }

    /** What the page's state panel holds, from a dumped DOM. */
    static String statePanel(String dom) {
        Matcher panel = STATE_PANEL.matcher(dom);
        assertThat(panel.find()).as("the page has its state panel; the DOM was:%n%s", dom).isTrue();
        return panel.group(1);
    }

    /** How many distinct colours a screenshot has, sampled every fourth pixel: a blank page has one or two. */
    static int coloursIn(Path screenshot) throws Exception {
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG that javax.imageio reads").isNotNull();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /**
     * Runs headless Chromium on the arguments, its profile and output in {@code directory}, and returns
     * what it printed on standard output. Fails if it ran longer than {@link #MOST_SECONDS}, exited with
     * an error, or logged a script error.
     */
    static String run(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + Files.createTempDirectory(directory, "profile"), "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(directory, "chromium", ".out");
        Path err = Files.createTempFile(directory, "chromium", ".err");
        Process browser = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = browser.waitFor(MOST_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String logged = Files.readString(err, StandardCharsets.UTF_8);
        if (!ended) {
            fail("Chromium did not end within " + MOST_SECONDS + " s: " + command + "\nit logged:\n" + logged);
        }
        assertThat(browser.exitValue()).as("Chromium's exit status; it logged:%n%s", logged).isZero();
        // The page logs nothing itself: any console line is an error, an uncaught one or the browser's.
        List<String> consoleLines = logged.lines().filter(line -> line.contains("Uncaught") || line.contains("CONSOLE")).toList();
        assertThat(consoleLines).as("console lines while loading the page").isEmpty();
        return printed;
    }
}
