package coroutines.testkit;

import java.nio.charset.StandardCharsets;
import org.opentest4j.AssertionFailedError;

/**
 * Bytes as a student reads them: text, with what is not printable escaped ({@code \r}, {@code \n},
 * {@code \x00}), and where two byte arrays first differ. AssertJ prints a byte array as a list of
 * decimals, which says nothing about an HTTP answer cut short.
 */
public final class ByteText {

    /** How many bytes of context a message shows on each side of the first difference. */
    private static final int CONTEXT = 40;

    private ByteText() {
    }

    /** All of {@code bytes} as text, escaped where not printable. */
    public static String show(byte[] bytes) {
        return show(bytes, 0, bytes.length);
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) as text, escaped where not printable. */
    public static String show(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(to, bytes.length); i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        text.append((char) b);
                    } else {
                        text.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return text.toString();
    }

    /** Text of a string's ASCII bytes, for messages that compare with a literal. */
    public static String show(String ascii) {
        return show(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Index of the first byte where the two differ, or -1 if they are the same. */
    public static int firstDifference(byte[] actual, byte[] expected) {
        int common = Math.min(actual.length, expected.length);
        for (int i = 0; i < common; i++) {
            if (actual[i] != expected[i]) {
                return i;
            }
        }
        return actual.length == expected.length ? -1 : common;
    }

    /**
     * Fails unless the two are byte for byte the same; the message names {@code what}, the lengths,
     * and shows both around the first difference, marked with {@code [>}.
     */
    public static void assertSameBytes(String what, byte[] actual, byte[] expected) {
        if (actual == null) {
            throw new AssertionFailedError(what + ": expected " + expected.length + " bytes but there were none (null)");
        }
        int at = firstDifference(actual, expected);
        if (at < 0) {
            return;
        }
        String message = what + ": expected " + expected.length + " bytes, got " + actual.length
                + "; they first differ at byte " + at + " (marked [>):\n"
                + "  expected: " + around(expected, at) + "\n"
                + "  but got:  " + around(actual, at);
        throw new AssertionFailedError(message);
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - CONTEXT);
        int to = Math.min(bytes.length, at + CONTEXT);
        String rest = at >= bytes.length ? "(the end)" : show(bytes, at, to) + (to < bytes.length ? "..." : "");
        return (from > 0 ? "..." : "") + "\"" + show(bytes, from, at) + "[>" + rest + "\"";
    }
}
