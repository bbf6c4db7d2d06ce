package coroutines.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.ChapterPicture;
import coroutines.pictures.RunSvg;
import coroutines.testbed.Stage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Keeps each chapter's picture true: the stage's default run is drawn again, as {@code ./run pictures}
 * draws it ({@link ChapterPicture}), and compared with the committed docs/pictures/stageN.svg and
 * stageN.zh.svg, times and places masked ({@link RunSvg#comparable}). A picture that no longer tells
 * what the stage does today fails, naming the file and the command that draws it again.
 */
public final class PictureChecks {

    private PictureChecks() {
    }

    /**
     * Compares the stage's committed pictures, in every language, with a fresh drawing. Which thread
     * drew each mark is compared only on the JDK the picture was drawn on (its {@code data-jdk}): on
     * another, a coroutine's body may run on another thread (chapter 5), so there the threads are left out.
     */
    public static void assertChapterPicturesCurrent(Stage stage, Path docs) throws IOException {
        assertCurrent(ChapterPicture.draw(stage), language -> ChapterPicture.fileOf(docs, stage, language),
                ChapterPicture.command(stage), stage.name() + " draws", "the chapter pictures of " + stage.name());
    }

    /** The README's still of the tour, {@link ChapterPicture#drawTour}, compared as a chapter's picture is. */
    public static void assertTourStillCurrent(List<Stage> stages, Path docs) throws IOException {
        assertCurrent(ChapterPicture.drawTour(stages), language -> ChapterPicture.tourFileOf(docs, language),
                ChapterPicture.TOUR_COMMAND, "the tour's stages 1 to 5 draw", "the README's still of the tour");
    }

    private static void assertCurrent(Map<RunSvg.Language, String> drawnNow, Function<RunSvg.Language, Path> fileOf,
            String command, String drawer, String what) throws IOException {
        int thisJdk = Runtime.version().feature();
        List<String> problems = new ArrayList<>();
        for (var drawing : drawnNow.entrySet()) {
            Path file = fileOf.apply(drawing.getKey());
            String shown = "docs/pictures/" + file.getFileName();
            if (!Files.isRegularFile(file)) {
                problems.add(shown + " is missing: draw it with " + command + " and commit it");
                continue;
            }
            String committed = Files.readString(file, StandardCharsets.UTF_8);
            Document parsed;
            try {
                parsed = parsed(committed);
            } catch (SAXException e) {
                problems.add(shown + " is not well-formed XML (" + e.getMessage() + "): draw it again with " + command);
                continue;
            }
            String jdkAttribute = parsed.getDocumentElement().getAttribute("data-jdk");
            int drawnOn = jdkAttribute.matches("\\d+") ? Integer.parseInt(jdkAttribute) : -1;
            RunSvg.Threads threads = drawnOn == thisJdk ? RunSvg.Threads.COMPARED : RunSvg.Threads.LEFT_OUT;
            List<String> expected = RunSvg.comparable(committed, threads);
            List<String> actual = RunSvg.comparable(drawing.getValue(), threads);
            if (!expected.equals(actual)) {
                problems.add(shown + " drifted from what " + drawer + " today (times and places masked as #"
                        + (threads == RunSvg.Threads.LEFT_OUT ? "; threads not compared, as it was drawn on JDK " + drawnOn
                                + " and this is JDK " + thisJdk : "") + "); " + firstDifference(expected, actual)
                        + "\nDraw it again with " + command
                        + (drawnOn > 0 && drawnOn != thisJdk ? " (on JDK " + drawnOn + ", as it was drawn)" : "")
                        + ", look at it, and commit it.");
            }
        }
        assertThat(problems).as(what).isEmpty();
    }

    private static String firstDifference(List<String> committed, List<String> drawn) {
        for (int i = 0; i < Math.max(committed.size(), drawn.size()); i++) {
            String one = i < committed.size() ? committed.get(i) : "(nothing)";
            String other = i < drawn.size() ? drawn.get(i) : "(nothing)";
            if (!one.equals(other)) {
                return "the first difference, at element " + (i + 1) + ":\n  committed: " + one + "\n  drawn now: " + other;
            }
        }
        return "no line differs";
    }

    /**
     * The document an SVG file holds, read by the JDK's own XML parser, as a browser would: a file
     * that is not well-formed throws. No DOCTYPE is allowed, so nothing outside the file is read.
     */
    public static Document parsed(String svg) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }
}
