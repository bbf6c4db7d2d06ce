package coroutines.testbed;

import java.nio.charset.StandardCharsets;

/**
 * Judges a response that ended (the server closed) by its own headers, once for every stage: is
 * it HTTP at all, and did the whole of the body it declared arrive? A stage only reads until the
 * close, as the article does; this is where a short or malformed answer becomes a failure.
 *
 * <p>More body bytes than the declared {@code Content-Length} are not a failure: the run keeps
 * the exact bytes the server sent, and an HTTP/1.0 answer ends at the close anyway. curl, which
 * stops at the declared length, only warns about the excess.
 */
final class ResponseJudge {

    /** A status line longer than this is not one (curl allows 100 KiB for a header line; 8 KiB is plenty). */
    static final int MAX_STATUS_LINE_BYTES = 8 * 1024;
    /** The head (status line and headers) must end within this, as nginx's large header buffers. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] HTTP = ascii("HTTP/");
    // Header names as they are compared: in lower case, each after the CRLF that ends the line before.
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");
    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    /** "HTTP/1.x NNN": the shortest status line, without its reason phrase. */
    private static final int SHORTEST_STATUS_LINE = "HTTP/1.0 200".length();

    private ResponseJudge() {
    }

    /**
     * Null if the response is whole HTTP; else the failure to report, in words. It reads the bytes
     * where they are, without a regular expression or a String, because it runs once per request
     * inside what the scale benchmark measures (docs/08-scale.md).
     */
    static Failures.BadResponseException problemWith(byte[] response) {
        if (response.length == 0) {
            return new Failures.NotHttpException(Failures.CLOSED_WITHOUT_ANSWERING);
        }
        if (!startsWith(response, HTTP, 0)) {
            return new Failures.NotHttpException("answered with bytes that are not HTTP: '" + start(response) + "'");
        }
        int statusLineEnd = indexOf(response, CRLF, 0, MAX_STATUS_LINE_BYTES);
        if (statusLineEnd < 0) {
            return new Failures.NotHttpException(response.length >= MAX_STATUS_LINE_BYTES
                    ? "answered with a status line that does not end within " + MAX_STATUS_LINE_BYTES
                            + " bytes: '" + start(response) + "...'"
                    : "the server closed in the middle of the status line: '" + start(response) + "'");
        }
        if (!isStatusLine(response, statusLineEnd)) {
            return new Failures.NotHttpException("answered with a first line that is not an HTTP status line: '"
                    + TerminalText.escapeLine(response, 0, statusLineEnd) + "'");
        }
        int headEnd = indexOf(response, CRLF_CRLF, 0, MAX_HEAD_BYTES);
        if (headEnd < 0) {
            return new Failures.BadResponseException(response.length > MAX_HEAD_BYTES
                    ? "answered with headers that do not end within " + MAX_HEAD_BYTES + " bytes"
                    : "the server closed in the middle of the headers, after " + response.length + " bytes");
        }
        int code = digit(response[9]) * 100 + digit(response[10]) * 10 + digit(response[11]);
        // These never have a body, whatever Content-Length says; chunked answers carry no length.
        if (code < 200 || code == 204 || code == 304 || hasHeader(response, headEnd, TRANSFER_ENCODING)) {
            return null;
        }
        long length = -1;
        // Each header line starts after a CRLF; the head's last line ends at headEnd.
        for (int lineStart = statusLineEnd + 2; lineStart <= headEnd; ) {
            int lineEnd = indexOf(response, CRLF, lineStart, headEnd + 2);
            if (startsWithIgnoringCase(response, CONTENT_LENGTH, lineStart, lineEnd)) {
                int valueStart = lineStart + CONTENT_LENGTH.length;
                int valueEnd = lineEnd;
                while (valueStart < valueEnd && isBlank(response[valueStart])) {
                    valueStart++;
                }
                while (valueEnd > valueStart && isBlank(response[valueEnd - 1])) {
                    valueEnd--;
                }
                long next = lengthIn(response, valueStart, valueEnd);
                if (next < 0) {
                    return new Failures.BadResponseException("declared a Content-Length that is not a length: '"
                            + TerminalText.escapeLine(response, valueStart, valueEnd - valueStart) + "'");
                }
                if (length >= 0 && length != next) {
                    return new Failures.BadResponseException("declared two different Content-Lengths, "
                            + length + " and " + next);
                }
                length = next;
            }
            lineStart = lineEnd + 2;
        }
        long bodyBytes = response.length - (headEnd + 4L);
        if (length >= 0 && bodyBytes < length) {
            return new Failures.BadResponseException("the server closed after " + bodyBytes + " of "
                    + length + " body bytes");
        }
        return null;
    }

    /**
     * Whether the bytes before {@code end} (the first CRLF) are "HTTP/1.x NNN", then nothing or a
     * space and a reason phrase with no lone CR or LF in it.
     */
    private static boolean isStatusLine(byte[] response, int end) {
        if (end < SHORTEST_STATUS_LINE || response[5] != '1' || response[6] != '.' || digit(response[7]) < 0
                || response[8] != ' ' || digit(response[9]) < 0 || digit(response[10]) < 0 || digit(response[11]) < 0) {
            return false;
        }
        if (end == SHORTEST_STATUS_LINE) {
            return true;
        }
        if (response[SHORTEST_STATUS_LINE] != ' ') {
            return false;
        }
        for (int i = SHORTEST_STATUS_LINE + 1; i < end; i++) {
            if (response[i] == '\r' || response[i] == '\n') {
                return false;
            }
        }
        return true;
    }

    /** Whether a header line of the head (which ends at {@code headEnd}) starts with {@code name}, in any case. */
    private static boolean hasHeader(byte[] response, int headEnd, byte[] name) {
        for (int i = indexOf(response, CRLF, 0, headEnd + 2); i >= 0 && i < headEnd; i = indexOf(response, CRLF, i + 2, headEnd + 2)) {
            if (startsWithIgnoringCase(response, name, i + 2, headEnd)) {
                return true;
            }
        }
        return false;
    }

    /** The length that bytes {@code from} to {@code to} spell in 1 to 18 digits, or -1 if they spell none. */
    private static long lengthIn(byte[] bytes, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long length = 0;
        for (int i = from; i < to; i++) {
            int digit = digit(bytes[i]);
            if (digit < 0) {
                return -1;
            }
            length = length * 10 + digit;
        }
        return length;
    }

    private static int digit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : -1;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first bytes, as a reader can see them. */
    private static String start(byte[] response) {
        return TerminalText.escapeLine(response, 0, Math.min(response.length, 24));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        return indexOf(bytes, prefix, at, at + prefix.length) == at;
    }

    /** Whether {@code prefix} (lower case) starts at {@code at} and ends by {@code limit}, in any ASCII case. */
    private static boolean startsWithIgnoringCase(byte[] bytes, byte[] prefix, int at, int limit) {
        if (limit - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = bytes[at + i];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code wanted} starts at or after {@code from} and ends within the first {@code limit} bytes, or -1. */
    private static int indexOf(byte[] bytes, byte[] wanted, int from, int limit) {
        int last = Math.min(bytes.length, limit) - wanted.length;
        for (int i = from; i <= last; i++) {
            int matched = 0;
            while (matched < wanted.length && bytes[i + matched] == wanted[matched]) {
                matched++;
            }
            if (matched == wanted.length) {
                return i;
            }
        }
        return -1;
    }
}
