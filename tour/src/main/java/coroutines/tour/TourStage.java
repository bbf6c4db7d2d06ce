package coroutines.tour;

import coroutines.command.StageCommand;
import coroutines.command.StageJvm;
import coroutines.command.Utf8Output;
import coroutines.pictures.RunPage;
import coroutines.testbed.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One stage of the tour, in a JVM of its own: {@code TourStage STAGE ARGS...}, STAGE the class that
 * holds the stage ({@code coroutines.blocking.BlockingStage}) or its name ({@code stage1-blocking}).
 * It runs the stage exactly as the stage's own {@code main} does, and prints the same.
 *
 * <p>Then, after the summary line and so outside what it measures, it writes a {@link StageReport}
 * to the file named by {@code -Dcoroutines.tour.report=FILE}: the tour builds the stage's row and
 * leaves out responses already shown from it, and nothing it needs is mixed into what the stage
 * printed. Without the property, or after {@code --help} or a usage error, it writes none.
 *
 * <p>With {@code -Dcoroutines.tour.picture-data=FILE} it also writes its run's page data there
 * ({@link RunPage#data}): the tour draws every stage on one page, where a stage's own
 * {@code --picture} would write a page per stage over the same file.
 */
public final class TourStage {

    /** The system property that names the report's file. */
    static final String REPORT_PROPERTY = "coroutines.tour.report";

    /** The system property that names the file for the run's page data. */
    static final String PICTURE_DATA_PROPERTY = "coroutines.tour.picture-data";

    private TourStage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: TourStage STAGE-CLASS-OR-NAME [the stage's options...]");
            System.exit(2);
        }
        Stage stage = stageNamed(args[0]);
        // UTF-8 whatever the locale, as StageCommand.main prints.
        PrintStream out = Utf8Output.standardOutput();
        PrintStream err = Utf8Output.standardError();
        System.setOut(out);
        System.setErr(err);
        StageJvm.sayIfTheCacheWasNotUsed(err);
        StageCommand.Execution execution = StageCommand.execute(stage, out, err, Arrays.copyOfRange(args, 1, args.length));
        out.flush();
        err.flush();
        String report = System.getProperty(REPORT_PROPERTY);
        if (report != null && execution.run().isPresent()) {
            StageReport.of(stage, execution.run().get()).write(Path.of(report));
        }
        String pictureData = System.getProperty(PICTURE_DATA_PROPERTY);
        if (pictureData != null && execution.run().isPresent()) {
            String data = RunPage.data(RunPage.Picture.of(stage.name(), execution.run().get()));
            Files.write(Path.of(pictureData), data.getBytes(StandardCharsets.UTF_8));
        }
        System.exit(execution.status());
    }

    /** The stage a class holds in its {@code STAGE} field, or the tour's stage of that name. */
    static Stage stageNamed(String classOrName) {
        for (Class<?> holder : Tour.STAGE_CLASSES) {
            if (Tour.stageOf(holder).name().equals(classOrName)) {
                return Tour.stageOf(holder);
            }
        }
        try {
            return Tour.stageOf(Class.forName(classOrName));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no stage " + classOrName + ": name a stage of the tour ("
                    + Tour.STAGES.stream().map(Stage::name).toList() + ") or a class with a public static STAGE", e);
        }
    }
}
