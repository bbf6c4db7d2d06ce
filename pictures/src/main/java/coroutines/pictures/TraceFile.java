package coroutines.pictures;

import coroutines.testbed.StageRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file {@code --trace} names: checked before the run, so that a path that cannot be written is a
 * usage error and not a lost run, then written when the run ends, or when the JVM is stopped during it.
 */
public final class TraceFile {

    private final Path path;

    private TraceFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** A path the trace cannot be written to, with the reason and what to try, for a person to act on. */
    public static final class Unwritable extends IOException {
        private static final long serialVersionUID = 1L;

        Unwritable(Path path, String why) {
            super("cannot write a trace to " + path + ": " + why);
        }
    }

    /**
     * The trace file at {@code path}, once it is known to be writable: an existing file is opened for
     * writing (and left as it is), a new one is created and removed again, so a later usage error leaves
     * nothing behind.
     */
    public static TraceFile checked(Path path) throws Unwritable {
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new Unwritable(path, "it is a folder; name a file in it, e.g. " + path.resolve("run.json"));
        }
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new Unwritable(path, "the folder " + folder + (Files.exists(folder) ? " is not a folder" : " does not exist")
                    + "; create it first, or name a file in a folder that exists");
        }
        try {
            if (Files.exists(absolute)) {
                FileChannel.open(absolute, StandardOpenOption.WRITE).close();
            } else {
                Files.createFile(absolute);
                Files.delete(absolute);
            }
        } catch (AccessDeniedException e) {
            throw new Unwritable(path, "permission denied; name a file in a folder you may write to");
        } catch (FileSystemException e) {
            throw new Unwritable(path, e.getReason() == null ? e.toString() : e.getReason());
        } catch (IOException e) {
            throw new Unwritable(path, e.toString());
        }
        return new TraceFile(path);
    }

    /**
     * Starts watching {@code run}: closing what this returns writes the trace of the run as it ended;
     * if the JVM is stopped first (Ctrl-C), a shutdown hook writes what the run had seen, marked cut short.
     * A trace that cannot be written then is reported on {@code err}; the run's exit status stays its own.
     */
    public Writing whileRunning(StageRun run, String stage, PrintWriter err) {
        return new Writing(run, stage, err);
    }

    /** A run being watched, whose trace is written once: by {@link #close()}, or by the shutdown hook. */
    public final class Writing implements AutoCloseable {
        private final StageRun run;
        private final String stage;
        private final PrintWriter err;
        private final Thread onShutdown;
        private boolean written;

        private Writing(StageRun run, String stage, PrintWriter err) {
            this.run = run;
            this.stage = stage;
            this.err = err;
            this.onShutdown = new Thread(() -> write(ChromeTrace.Ending.cutShort(
                    "the JVM was stopped (Ctrl-C or a signal) before the run ended; "
                            + run.outcomes().size() + " of " + run.targets().size() + " requests had ended")),
                    "trace-on-shutdown");
            Runtime.getRuntime().addShutdownHook(onShutdown);
        }

        /** Writes the trace of the run as it ended, unless the shutdown hook already did. */
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; whichever of us comes first writes, the other sees it done.
            }
            write(ChromeTrace.Ending.of(run));
        }

        private synchronized void write(ChromeTrace.Ending ending) {
            if (written) {
                return;
            }
            written = true;
            try (OutputStream out = Files.newOutputStream(path)) {
                ChromeTrace.write(ChromeTrace.Recording.of(run, stage, ending), out);
            } catch (IOException e) {
                err.println("--trace " + path + ": the trace could not be written: " + e
                        + "; check the disk has room and the file is still writable, then run again");
                err.flush();
            }
        }
    }
}
