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
 * written once the run has ended, whatever the run's outcome.
 */
final class PictureFile {

    private PictureFile() {
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
