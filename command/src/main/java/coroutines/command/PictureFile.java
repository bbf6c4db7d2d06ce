package coroutines.command;

import coroutines.pictures.RunPage;
import coroutines.testbed.StageRun;
import coroutines.testbed.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The option {@code --picture FILE.html}: the file is checked when the command line is read, so
 * that a path that cannot be written is a usage error before any request is made; the page is
 * written once the run has ended, whatever the run's outcome, or when the JVM is stopped first
 * (Ctrl-C), marked cut short.
 */
final class PictureFile {

    private PictureFile() {
    }

    /**
     * Watches the run, so that a JVM stopped before it ends (Ctrl-C, a signal) still writes the page of
     * what it saw, marked cut short. Call {@link Stopping#runEnded()} when the run returns: from then on
     * {@link #writeAfter} writes the page, and the hook does nothing. Null if no page was asked for.
     */
    static Stopping whileRunning(Path file, String stage, StageRun run, PrintStream out) {
        return file == null ? null : new Stopping(file, stage, run, out);
    }

    /** The shutdown hook of one run's page: it writes only if the run has not ended by then. */
    static final class Stopping {
        private final Thread hook;
        private boolean ended;

        private Stopping(Path file, String stage, StageRun run, PrintStream out) {
            hook = new Thread(() -> writeCutShort(file, stage, run, out), "picture-on-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** The run returned: the hook is no longer needed, and must not write over the finished page. */
        void runEnded() {
            synchronized (this) {
                ended = true;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping: the hook sees the run ended and writes nothing.
            }
        }

        /** What the hook does, run by the JVM as it stops; called directly by the tests. */
        void writeCutShort(Path file, String stage, StageRun run, PrintStream out) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            RunPage.Picture seen = RunPage.Picture.of(stage, run);
            String why = "the JVM was stopped (Ctrl-C or a signal) before the run ended; " + run.outcomes().size() + " of "
                    + run.targets().size() + " requests had ended" + (seen.incomplete() == null ? "" : "; " + seen.incomplete());
            try {
                RunPage.write(file, seen.cutShort(why));
            } catch (IOException | RuntimeException e) {
                out.println("--picture " + TerminalText.escapeLine(file.toString()) + ": the page could not be written: " + e);
                out.flush();
            }
        }

        Thread hook() {
            return hook;
        }
    }

    /**
     * Writes the run's page to {@code file}, if one was asked for, and returns the run's exit
     * status: {@code status} itself, or 1 if the page could not be written after all.
     */
    static int writeAfter(Path file, String stage, StageRun run, int status, PrintStream out) {
        if (file == null) {
            return status;
        }
        try {
            RunPage.write(file, RunPage.Picture.of(stage, run));
            return status;
        } catch (IOException | RuntimeException e) {
            out.println("--picture " + TerminalText.escapeLine(file.toString()) + ": the page could not be written: " + e);
            return Math.max(status, 1);
        }
    }

    /** Reads {@code --picture}'s path, and makes one that cannot be written a usage error naming why. */
    static final class Converter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path file;
            try {
                file = Path.of(value);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException("'" + TerminalText.escapeLine(value) + "' is not a path: " + e.getReason());
            }
            String whyNot = RunPage.whyNotWritable(file);
            if (whyNot != null) {
                throw new CommandLine.TypeConversionException("cannot write '" + TerminalText.escapeLine(value) + "': " + whyNot);
            }
            return file;
        }
    }
}
