package coroutines.testkit;

import coroutines.command.StageCommand;
import coroutines.pictures.RunPage;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stage run from its command line with {@code --picture}, against the local hosts, for the stages' own
 * tests of what their page shows: the run, and the picture the page was drawn from.
 *
 * @param run     the run, as the command line made it
 * @param picture what the page drew, taken from the same run
 */
public record PictureRun(StageRun run, RunPage.Picture picture) {

    /** Runs {@code stage} with {@code options}, quiet, writing its page into {@code directory}. */
    public static PictureRun of(Stage stage, Path directory, String... options) {
        String[] args = new String[options.length + 3];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--quiet";
        args[options.length + 1] = "--picture";
        args[options.length + 2] = directory.resolve("run.html").toString();
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StageRun run = StageCommand.execute(stage, discard, discard, args).run()
                .orElseThrow(() -> new AssertionError(stage.name() + " did not run: the options " + String.join(" ", args)
                        + " were refused"));
        return new PictureRun(run, RunPage.Picture.of(stage.name(), run));
    }
}
