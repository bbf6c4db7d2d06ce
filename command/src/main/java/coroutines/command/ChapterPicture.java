package coroutines.command;

import coroutines.pictures.RunPage;
import coroutines.pictures.RunSvg;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How each chapter's picture (docs/pictures/stageN.svg and stageN.zh.svg) is made: the stage's
 * default run against the in-process local hosts, as the chapters' transcripts are made, drawn by
 * {@link RunSvg} in both languages. {@code ./run pictures} writes them; the stage's doc checks draw
 * them again and compare, so that one recipe makes both.
 */
public final class ChapterPicture {

    private ChapterPicture() {
    }

    /** The stage's number, from its name: 3 for {@code stage3-selector-callbacks}. */
    public static int numberOf(Stage stage) {
        String name = stage.name();
        if (!name.matches("stage\\d+-.*")) {
            throw new IllegalArgumentException("'" + name + "' is not a stage's name (stageN-...): no chapter has its picture");
        }
        return Integer.parseInt(name.substring("stage".length(), name.indexOf('-')));
    }

    /** Where the stage's picture in that language lives, under the docs directory. */
    public static Path fileOf(Path docs, Stage stage, RunSvg.Language language) {
        return docs.resolve("pictures").resolve("stage" + numberOf(stage) + language.fileSuffix() + ".svg");
    }

    /** What draws the stage's picture again, as the chapters and the drift message say it. */
    public static String command(Stage stage) {
        return "./run pictures " + numberOf(stage);
    }

    /** Runs the stage as the chapters' transcripts run it (no options) and draws the run in each language. */
    public static Map<RunSvg.Language, String> draw(Stage stage) {
        RunPage.Picture picture = defaultRun(stage);
        RunSvg.Provenance provenance = new RunSvg.Provenance(command(stage), Runtime.version().feature());
        Map<RunSvg.Language, String> drawings = new EnumMap<>(RunSvg.Language.class);
        for (RunSvg.Language language : RunSvg.Language.values()) {
            drawings.put(language, RunSvg.draw(picture, language, provenance));
        }
        return drawings;
    }

    /** What draws the README's still of the tour again. */
    public static final String TOUR_COMMAND = "./run pictures tour";

    /** Where the README's still of the tour lives in that language (docs/pictures/tour.svg, tour.zh.svg). */
    public static Path tourFileOf(Path docs, RunSvg.Language language) {
        return docs.resolve("pictures").resolve("tour" + language.fileSuffix() + ".svg");
    }

    /**
     * The README's still of the tour: each stage's default run, one after another as the tour runs
     * them, drawn on one time axis in each language. The stages every JDK builds (1 to 5), so that the
     * still is the same whichever JDK draws or checks it.
     */
    public static Map<RunSvg.Language, String> drawTour(List<Stage> stages) {
        List<RunPage.Picture> pictures = new ArrayList<>();
        for (Stage stage : stages) {
            pictures.add(defaultRun(stage));
        }
        RunSvg.Provenance provenance = new RunSvg.Provenance(TOUR_COMMAND, Runtime.version().feature());
        Map<RunSvg.Language, String> drawings = new EnumMap<>(RunSvg.Language.class);
        for (RunSvg.Language language : RunSvg.Language.values()) {
            drawings.put(language, RunSvg.drawStages(pictures, language, provenance));
        }
        return drawings;
    }

    private static RunPage.Picture defaultRun(Stage stage) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(printed, true, StandardCharsets.UTF_8);
        StageCommand.Execution execution = StageCommand.execute(stage, sink, sink, new String[0]);
        StageRun run = execution.run().orElseThrow(() -> new IllegalStateException(
                stage.name() + " made no run to draw; it printed:\n" + printed.toString(StandardCharsets.UTF_8)));
        return RunPage.Picture.of(stage.name(), run);
    }
}
