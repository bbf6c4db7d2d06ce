package coroutines.testbed;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[0-9] ([0-9]{3})(?: [^\r\n]*)?\r\n");
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("\r\ncontent-length:[ \t]*([^\r\n]*?)[ \t]*(?=\r\n)");

    private ResponseJudge() {
    }

    /** Null if the response is whole HTTP; else the failure to report, in words. */
    static Failures.BadResponseException problemWith(byte[] response) {
        if (response.length == 0) {
            return new Failures.NotHttpException(Failures.CLOSED_WITHOUT_ANSWERING);
        }
        int statusLineEnd = indexOf(response, "\r\n", 0, MAX_STATUS_LINE_BYTES);
        String statusLine = statusLineEnd < 0 ? null
                : new String(response, 0, statusLineEnd + 2, StandardCharsets.ISO_8859_1);
        Matcher status = statusLine == null ? null : STATUS_LINE.matcher(statusLine);
        if (!startsWith(response, "HTTP/")) {
            return new Failures.NotHttpException("answered with bytes that are not HTTP: '" + start(response) + "'");
        }
        if (statusLineEnd < 0) {
            return new Failures.NotHttpException(response.length >= MAX_STATUS_LINE_BYTES
                    ? "answered with a status line that does not end within " + MAX_STATUS_LINE_BYTES
                            + " bytes: '" + start(response) + "...'"
                    : "the server closed in the middle of the status line: '" + start(response) + "'");
        }
        if (!status.matches()) {
            return new Failures.NotHttpException("answered with a first line that is not an HTTP status line: '"
                    + TerminalText.escapeLine(response, 0, statusLineEnd) + "'");
        }
        int headEnd = indexOf(response, "\r\n\r\n", 0, MAX_HEAD_BYTES);
        if (headEnd < 0) {
            return new Failures.BadResponseException(response.length > MAX_HEAD_BYTES
                    ? "answered with headers that do not end within " + MAX_HEAD_BYTES + " bytes"
                    : "the server closed in the middle of the headers, after " + response.length + " bytes");
        }
        String head = new String(response, 0, headEnd + 2, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int code = Integer.parseInt(status.group(1));
        // These never have a body, whatever Content-Length says; chunked answers carry no length.
        if (code < 200 || code == 204 || code == 304 || head.contains("\r\ntransfer-encoding:")) {
            return null;
        }
        Matcher declared = CONTENT_LENGTH.matcher(head);
        Long length = null;
        while (declared.find()) {
            String value = declared.group(1);
            if (!value.matches("[0-9]{1,18}")) {
                return new Failures.BadResponseException("declared a Content-Length that is not a length: '"
                        + TerminalText.escapeLine(value) + "'");
            }
            long next = Long.parseLong(value);
            if (length != null && length != next) {
                return new Failures.BadResponseException("declared two different Content-Lengths, "
                        + length + " and " + next);
            }
            length = next;
        }
        long bodyBytes = response.length - (headEnd + 4L);
        if (length != null && bodyBytes < length) {
            return new Failures.BadResponseException("the server closed after " + bodyBytes + " of "
                    + length + " body bytes");
        }
        return null;
    }

    /** The first bytes, as a reader can see them. */
    private static String start(byte[] response) {
        return TerminalText.escapeLine(response, 0, Math.min(response.length, 24));
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return indexOf(bytes, prefix, 0, prefix.length()) == 0;
    }

    /** Where {@code needle} starts within the first {@code limit} bytes (it must end there too), or -1. */
    private static int indexOf(byte[] bytes, String needle, int from, int limit) {
        byte[] wanted = needle.getBytes(StandardCharsets.US_ASCII);
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
