package coroutines.command;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams a stage's {@code main} prints through: UTF-8 whatever the platform's default charset
 * ({@code LC_ALL=C}, {@code file.encoding}, {@code stdout.encoding}). Under a POSIX locale the JVM's
 * own {@code System.out} would print every non-ASCII character, 中文 included, as {@code ?}.
 */
public final class Utf8Output {

    private Utf8Output() {
    }

    /** A UTF-8 print stream on the process's standard output. */
    public static PrintStream standardOutput() {
        return utf8(new FileOutputStream(FileDescriptor.out));
    }

    /** The same, on standard error. */
    public static PrintStream standardError() {
        return utf8(new FileOutputStream(FileDescriptor.err));
    }

    /** A UTF-8 print stream that flushes at every line, as {@code System.out} does on a terminal. */
    static PrintStream utf8(OutputStream out) {
        return new PrintStream(new BufferedOutputStream(out), true, StandardCharsets.UTF_8);
    }
}
