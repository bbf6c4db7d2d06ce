package coroutines.tour;

import coroutines.pictures.TourPage;
import coroutines.pictures.TourTrace;
import coroutines.testbed.Stage;
import coroutines.testbed.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tour draws of its stages, if asked: the page ({@code --picture}) and the trace
 * ({@code --trace}), gathered stage by stage from what each stage's JVM wrote, and written once
 * when the tour ends, also when it stops early: a stage that failed or was stopped is on them,
 * marked incomplete.
 */
final class TourDrawing {

    private final TourOutputs outputs;
    private final List<TourPage.Stage> pages = new ArrayList<>();
    private final List<TourTrace.Stage> traces = new ArrayList<>();

    TourDrawing(TourOutputs outputs) {
        this.outputs = outputs;
    }

    /** Adds a stage that has ended: its run's data, or why it left none. */
    void add(Stage stage, Tour.Forked forked) {
        String why = forked.problem() != null ? forked.problem() : "it left nothing to draw";
        pages.add(forked.pictureData() != null ? TourPage.Stage.ran(stage.name(), forked.pictureData())
                : TourPage.Stage.withoutRun(stage.name(), why));
        traces.add(forked.trace() != null ? TourTrace.Stage.traced(stage.name(), forked.trace())
                : TourTrace.Stage.withoutTrace(stage.name(), why));
    }

    /**
     * Writes the page and the trace that were asked for, and returns the tour's exit status:
     * {@code status} itself, or 1 if one of them could not be written after all.
     */
    int writeAfter(int status, PrintStream out) {
        // & rather than &&: a page that cannot be written still leaves the trace to be tried.
        boolean written = written("--picture", outputs.picture(), "page", file -> TourPage.write(file, pages), out)
                & written("--trace", outputs.trace(), "trace", file -> TourTrace.write(file, traces), out);
        return written ? status : Math.max(status, 1);
    }

    /** Writes one file the tour was asked for, if it was; false, said on {@code out}, if it could not. */
    private static boolean written(String option, Path file, String what, FileWriting writing, PrintStream out) {
        if (file == null) {
            return true;
        }
        try {
            writing.write(file);
            return true;
        } catch (IOException | RuntimeException e) {
            out.println(option + " " + TerminalText.escapeLine(file.toString()) + ": the tour's " + what
                    + " could not be written: " + e);
            return false;
        }
    }

    /** Writes a file, as TourPage.write and TourTrace.write do. */
    private interface FileWriting {
        void write(Path file) throws IOException;
    }

    /** What a stage wrote to {@code file}, or null if it wrote nothing there (or there is no file). */
    static String textIn(Path file) {
        byte[] bytes = bytesIn(file);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The bytes a stage wrote to {@code file}, or null if it wrote nothing there, there is no file, or
     * it cannot be read: then the stage is drawn as one that left nothing, and the tour goes on.
     */
    static byte[] bytesIn(Path file) {
        try {
            return file == null || !Files.exists(file) || Files.size(file) == 0 ? null : Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
