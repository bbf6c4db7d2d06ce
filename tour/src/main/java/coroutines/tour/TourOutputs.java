package coroutines.tour;

import coroutines.pictures.RunPage;
import coroutines.pictures.TraceFile;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tour's own {@code --picture FILE.html} and {@code --trace FILE.json}, taken out of the options it
 * passes on to the stages: given as they are, every stage would write the same file over the last
 * one's. The tour writes one page and one trace of all the stages instead ({@link Tour}). Both paths
 * are checked before any stage runs, so a path that cannot be written costs no run.
 *
 * @param picture   where the tour's page goes, or null
 * @param trace     where the tour's trace goes, or null
 * @param stageArgs the other options, passed on to every stage as they were given
 */
record TourOutputs(Path picture, Path trace, List<String> stageArgs) {

    /** A tour option that is wrong, in words a person can act on; the tour says it and exits with status 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static TourOutputs of(String[] args) throws UsageError {
        Path picture = null;
        Path trace = null;
        List<String> stageArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) { // from here on, hosts only, as picocli reads them
                stageArgs.addAll(Arrays.asList(args).subList(i, args.length));
                break;
            }
            String option = arg.startsWith("--picture") ? "--picture" : arg.startsWith("--trace") ? "--trace" : null;
            if (option == null || !(arg.equals(option) || arg.startsWith(option + "="))) {
                stageArgs.add(arg);
                continue;
            }
            String value;
            if (arg.equals(option)) {
                if (i + 1 >= args.length) {
                    throw new UsageError(option + " needs a file: " + option + (option.equals("--picture") ? " FILE.html" : " FILE.json"));
                }
                value = args[++i];
            } else {
                value = arg.substring(option.length() + 1);
            }
            if (option.equals("--picture")) {
                requireOnce(option, picture, value);
                picture = writablePage(value);
            } else {
                requireOnce(option, trace, value);
                trace = writableTrace(value);
            }
        }
        return new TourOutputs(picture, trace, List.copyOf(stageArgs));
    }

    private static void requireOnce(String option, Path given, String again) throws UsageError {
        if (given != null) {
            throw new UsageError(option + " is given twice (" + given + " and " + again + "): the tour writes one file"
                    + " for all its stages; name one");
        }
    }

    private static Path writablePage(String value) throws UsageError {
        Path file = path("--picture", value);
        String whyNot = RunPage.whyNotWritable(file);
        if (whyNot != null) {
            throw new UsageError("--picture: cannot write '" + value + "': " + whyNot);
        }
        return file;
    }

    private static Path writableTrace(String value) throws UsageError {
        try {
            return TraceFile.checked(path("--trace", value)).path();
        } catch (TraceFile.Unwritable e) {
            throw new UsageError("--trace: " + e.getMessage());
        }
    }

    private static Path path(String option, String value) throws UsageError {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageError(option + ": '" + value + "' is not a path: " + e.getReason());
        }
    }
}
