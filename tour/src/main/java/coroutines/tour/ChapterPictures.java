package coroutines.tour;

import coroutines.command.ChapterPicture;
import coroutines.command.Utf8Output;
import coroutines.pictures.RunSvg;
import coroutines.testbed.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run pictures [N...] [tour]}: draws every chapter's picture again (docs/pictures/stageN.svg and
 * stageN.zh.svg), each from its stage's default run against the local hosts ({@link ChapterPicture}),
 * and the README's still of the tour (docs/pictures/tour.svg, tour.zh.svg): all of them without arguments.
 * It lives in the tour because the tour's class path holds every stage this JDK built.
 */
public final class ChapterPictures {

    private ChapterPictures() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = Utf8Output.standardOutput();
        PrintStream err = Utf8Output.standardError();
        int status = run(Path.of(System.getProperty("coroutines.root", ".")).resolve("docs"), out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Draws the stages numbered in {@code args} (all this JDK built if none); 0 if all were drawn, 2 if one cannot be. */
    static int run(Path docs, PrintStream out, PrintStream err, String[] args) throws IOException {
        if (!Files.isDirectory(docs)) {
            err.println("no directory " + docs.toAbsolutePath() + ": run this from the repository's root (./run pictures does)");
            return 2;
        }
        List<Stage> stages = new ArrayList<>();
        boolean tour = args.length == 0;
        for (String number : args) {
            if (number.equals("tour")) {
                tour = true;
                continue;
            }
            Stage stage = Tour.STAGES.stream().filter(one -> number.equals(String.valueOf(ChapterPicture.numberOf(one))))
                    .findFirst().orElse(null);
            if (stage == null) {
                err.println("no stage " + number + " to draw: " + whyNot(number));
                return 2;
            }
            stages.add(stage);
        }
        if (args.length == 0) {
            stages.addAll(Tour.STAGES);
            if (Tour.STAGES.size() < 6) {
                out.println("stage 6 is skipped: " + whyNot("6"));
            }
        }
        Files.createDirectories(docs.resolve("pictures"));
        for (Stage stage : stages) {
            Map<RunSvg.Language, String> drawings = ChapterPicture.draw(stage);
            for (var drawing : drawings.entrySet()) {
                Path file = ChapterPicture.fileOf(docs, stage, drawing.getKey());
                Files.write(file, drawing.getValue().getBytes(StandardCharsets.UTF_8));
                out.println("wrote " + docs.getParent().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()));
            }
        }
        if (tour) {
            for (var drawing : ChapterPicture.drawTour(tourStill()).entrySet()) {
                Path file = ChapterPicture.tourFileOf(docs, drawing.getKey());
                Files.write(file, drawing.getValue().getBytes(StandardCharsets.UTF_8));
                out.println("wrote " + docs.getParent().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()));
            }
        }
        return 0;
    }

    /** The stages of the README's still: 1 to 5, which every JDK builds, so any JDK draws the same still. */
    public static List<Stage> tourStill() {
        return Tour.STAGES.stream().filter(stage -> ChapterPicture.numberOf(stage) <= 5).toList();
    }

    private static String whyNot(String number) {
        if (number.equals("6") && Runtime.version().feature() < 21) {
            return "its virtual threads need JDK 21 or newer, and this is JDK " + Runtime.version().feature()
                    + "; draw it with JAVA_HOME set to a JDK 21+: JAVA_HOME=/path/to/jdk21+ ./run pictures 6";
        }
        if (number.equals("6")) {
            // Started by hand with a class path that Maven made on JDK 17-20, which has no stage 6.
            return "this is JDK " + Runtime.version().feature() + ", but stage 6's classes are not on this class path;"
                    + " ./run pictures 6 compiles them";
        }
        return "the stages are " + Tour.STAGES.stream().map(ChapterPicture::numberOf).toList();
    }
}
