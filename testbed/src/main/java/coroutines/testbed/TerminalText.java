package coroutines.testbed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Makes bytes from a server safe to print on the reader's terminal. A server can send anything:
 * an ANSI escape sequence recolours the terminal, moves the cursor or clears the screen; a lone
 * CR overwrites the line already printed; a NUL or an invalid byte garbles what follows. Such
 * bytes are shown visibly escaped ({@code \x1b}, {@code \r}, {@code \x00}, {@code \xff}), in the
 * spirit of curl, which refuses to write binary output to a terminal at all. Valid UTF-8 text,
 * 中文 included, is printed as it is, and CR LF still ends a line, as the article prints.
 *
 * <p>A backslash from the server is printed as it is, so {@code \x1b} in a page's text and an
 * escaped ESC look alike; the article's pages are HTML, where that is rare, and doubling every
 * backslash would change how ordinary pages print. The command line prints through a UTF-8 stream
 * whatever the locale (coroutines.command.Utf8Output), so that such text reaches the terminal whole.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * The bytes as text for the terminal: valid UTF-8 decoded, CR LF turned into a line end, every
     * other control character and every byte that is not part of valid UTF-8 escaped.
     */
    public static String escape(byte[] bytes, int offset, int length) {
        return escape(bytes, offset, length, true);
    }

    /** The same on one line, for a quote inside a message: CR and LF escaped too. */
    public static String escapeLine(byte[] bytes, int offset, int length) {
        return escape(bytes, offset, length, false);
    }

    private static String escape(byte[] bytes, int offset, int length, boolean keepLineEnds) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer decoded = CharBuffer.allocate(Math.max(16, length));
        StringBuilder text = new StringBuilder(length);
        while (true) {
            CoderResult result = decoder.decode(in, decoded, true);
            appendEscaped(decoded.flip(), text, keepLineEnds);
            decoded.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (result.isUnderflow()) {
                break;
            }
        }
        return text.toString();
    }

    /** A string (a name from the command line) on one line, control characters escaped, CR and LF too. */
    public static String escapeLine(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        appendEscaped(CharBuffer.wrap(text), escaped, false);
        return escaped.toString();
    }

    private static void appendEscaped(CharBuffer chars, StringBuilder text, boolean keepLineEnds) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (keepLineEnds && c == '\r' && chars.hasRemaining() && chars.get(chars.position()) == '\n') {
                continue; // CR LF: the LF that follows ends the line
            }
            if ((keepLineEnds && c == '\n') || c == '\t' || !needsEscape(c)) {
                text.append(c);
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c < 0x100) {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(String.format("\\u%04x", (int) c));
            }
        }
    }

    /**
     * C0 and C1 controls and DEL (a terminal acts on them; C1's U+009B starts an escape sequence
     * on some terminals as ESC [ does), and the bidirectional overrides that make text read in an
     * order other than the bytes'.
     */
    private static boolean needsEscape(char c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
