package coroutines.command;

import coroutines.pictures.TraceFile;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Turns {@code --trace FILE.json} into a checked {@link TraceFile} while the options are parsed, so a
 * path that cannot be written is a usage error, reported before any request is made.
 */
final class TraceFileConverter implements CommandLine.ITypeConverter<TraceFile> {
    @Override
    public TraceFile convert(String value) {
        try {
            return TraceFile.checked(Path.of(value));
        } catch (TraceFile.Unwritable e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a file name here: " + e.getReason());
        }
    }
}
