package coroutines.pictures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tour's page ({@code ./run tour --picture FILE.html}): every stage's run on one self-contained
 * page, stacked in the tour's order on one shared time axis, so that one request after another
 * (stage 1) and all at once (the others) are seen side by side. Each stage's data is what
 * {@link RunPage#data} gives for its run; the page's own script draws them all.
 */
public final class TourPage {

    /** Where the template's script element takes the stages' data. */
    static final String DATA_SLOT = "/*TOUR-DATA*/";

    private static final String TEMPLATE = "tour-page.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One stage's part of the page.
     *
     * @param name    the stage's name
     * @param runData its run's page data ({@link RunPage#data}), or null if it has none
     * @param missing why it has none (the tour stopped its JVM, it crashed), or null
     */
    public record Stage(String name, String runData, String missing) {

        /** A stage whose run ended and wrote its data. */
        public static Stage ran(String name, String runData) {
            return new Stage(name, runData, null);
        }

        /** A stage that left no data: it still gets its place on the page, marked incomplete. */
        public static Stage withoutRun(String name, String why) {
            return new Stage(name, null, why);
        }
    }

    private TourPage() {
    }

    /** Writes the page for the stages to {@code file}, replacing what was there. */
    public static void write(Path file, List<Stage> stages) throws IOException {
        Files.write(file, html(stages).getBytes(StandardCharsets.UTF_8));
    }

    /** The whole page: the template with the stages' data in its slot. */
    public static String html(List<Stage> stages) {
        String template;
        try (InputStream in = TourPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing beside " + TourPage.class.getName());
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TEMPLATE + " failed", e);
        }
        if (!template.contains(DATA_SLOT)) {
            throw new IllegalStateException(TEMPLATE + " has no " + DATA_SLOT + " for the stages' data");
        }
        return template.replace(DATA_SLOT, json(stages));
    }

    /**
     * The page's data: {@code {"stages": [run data, ...]}} in the tour's order. A stage without data,
     * or whose data does not parse (its JVM was stopped while writing), gets an empty run with the
     * reason as its {@code incomplete}, so the page still shows where it stood.
     */
    static String json(List<Stage> stages) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode drawn = page.putArray("stages");
        for (Stage stage : stages) {
            drawn.add(runOf(stage));
        }
        try {
            return scriptSafe(JSON.writeValueAsString(page));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree made here could not be written", e);
        }
    }

    private static ObjectNode runOf(Stage stage) {
        if (stage.runData() != null) {
            try {
                if (JSON.readTree(stage.runData()) instanceof ObjectNode run) {
                    return run;
                }
                return emptyRun(stage.name(), "its page data is not a JSON object");
            } catch (JsonProcessingException e) {
                return emptyRun(stage.name(), "its page data could not be read (" + e.getOriginalMessage() + ")");
            }
        }
        return emptyRun(stage.name(), stage.missing() == null ? "it left no page data" : stage.missing());
    }

    private static ObjectNode emptyRun(String name, String why) {
        ObjectNode run = JSON.createObjectNode();
        run.put("stage", name);
        run.put("summary", "");
        run.put("incomplete", why);
        run.putArray("kinds");
        run.putArray("threads");
        run.putArray("requests");
        run.putArray("events");
        run.putObject("notes");
        return run;
    }

    /**
     * JSON that cannot end its script element early: {@code <}, {@code >} and {@code &} (and the
     * line separators older parsers take for line ends) as {@code \}u escapes. Outside strings JSON
     * has none of these characters, so replacing every one keeps the JSON as it was.
     */
    static String scriptSafe(String json) {
        StringBuilder safe = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
