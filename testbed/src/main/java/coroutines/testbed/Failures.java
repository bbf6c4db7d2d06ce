package coroutines.testbed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns what went wrong into one line a reader can act on: what happened, and what to try.
 * The stages throw the JDK's own exceptions; this is the one place that explains them.
 *
 * <p>The words depend on what had arrived, because the same exception means different things: a
 * timeout with nothing received is a slow or silent server, one after a whole answer is a server
 * that keeps the connection open; a reset before any byte is a server that hung up at once, which
 * another stage sees as an empty answer and must report in the same words. What arrived is quoted
 * (the byte count, and the status line or the first bytes), escaped, so the reader can judge it.
 */
public final class Failures {

    /** What every stage reports for a server that accepts and then hangs up without a byte. */
    static final String CLOSED_WITHOUT_ANSWERING = "closed the connection without answering";

    private Failures() {
    }

    /**
     * Why a host failed, in words, with a hint.
     *
     * @param target        where the stage connected
     * @param bytesReceived how many bytes of the answer had arrived when it failed
     * @param firstBytes    the start of what arrived: its first line with the line end, or, if no
     *                      line end came, the first bytes (the run keeps at most a few hundred)
     */
    public static String explain(Throwable cause, Target target, Duration timeout, long bytesReceived, byte[] firstBytes) {
        String where = where(target.address());
        String message = String.valueOf(cause.getMessage());
        String lowerMessage = message.toLowerCase(Locale.ROOT);
        boolean reset = cause instanceof SocketException && lowerMessage.contains("reset");
        boolean brokenPipe = cause instanceof IOException && lowerMessage.contains("broken pipe");
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return "unknown host name (" + (target.lookupFailure() == null ? "DNS has no address for it" : target.lookupFailure())
                    + "); check the spelling, or point it somewhere with --resolve " + target.host() + ":PORT:ADDRESS";
        }
        if (cause instanceof ConnectException) {
            return "connection refused by " + where + " (" + message
                    + "); is a server listening there? check the port, or --resolve";
        }
        if (cause instanceof StageRun.MaxTimeExceeded) {
            if (bytesReceived == 0) {
                return message + "; the server is slow, silent or never stops sending: try a longer --max-time";
            }
            return message + ", " + whatArrived(bytesReceived, firstBytes)
                    + "; the server is slow or never stops sending: try a longer --max-time";
        }
        if (bytesReceived == 0 && (reset || brokenPipe || CLOSED_WITHOUT_ANSWERING.equals(message))) {
            // A hang-up before any byte: an empty read in one stage, a reset or broken pipe in another.
            return CLOSED_WITHOUT_ANSWERING + ": " + where + " accepted the connection, then hung up"
                    + " before sending a byte; is it a web server, and does it serve " + target.host() + "?";
        }
        if (cause instanceof SocketTimeoutException) {
            if (bytesReceived == 0) {
                return "timed out (" + message + ") after waiting " + timeout.toMillis()
                        + " ms; the server is slow or silent, try a longer --timeout";
            }
            String stalled = "timed out (" + message + ") " + whatArrived(bytesReceived, firstBytes)
                    + ", and the connection still open: nothing more came for " + timeout.toMillis() + " ms; ";
            if (!endsALine(firstBytes)) {
                return stalled + "the answer stopped before its first line ended, so it is not whole: the server"
                        + " is slow or stalled, try a longer --timeout, or look at what serves " + where;
            }
            return stalled + "an HTTP/1.0 answer ends when the server closes, so if the answer was whole,"
                    + " this server keeps the connection open and a longer --timeout will not help";
        }
        if (reset) {
            return "the server reset the connection (" + message + ") before the answer was complete;"
                    + " the server, or a firewall or proxy on the way, aborted it: try again, and if it repeats,"
                    + " look at the server's log";
        }
        if (brokenPipe) {
            return "the server closed the connection before the request was sent (" + message + ")";
        }
        if (cause instanceof NotHttpException) {
            return message + "; is " + where + " really a web server?";
        }
        if (cause instanceof BadResponseException) {
            return message + "; the answer is incomplete or malformed, so it is not counted:"
                    + " try again, or look at what serves " + where;
        }
        return cause.getClass().getSimpleName() + ": " + message;
    }

    /**
     * What had arrived, quoted safely (a server's bytes may hold terminal escapes): {@code after 331
     * bytes, status line "HTTP/1.1 301 Moved Permanently"}, or the first bytes if no line end came.
     */
    private static String whatArrived(long bytesReceived, byte[] firstBytes) {
        String after = "after " + bytesReceived + " bytes";
        if (firstBytes.length == 0) {
            return after;
        }
        if (endsALine(firstBytes)) {
            int end = firstBytes.length - 1;
            if (end > 0 && firstBytes[end - 1] == '\r') {
                end--;
            }
            String line = TerminalText.escapeLine(firstBytes, 0, end);
            return after + ", " + (line.startsWith("HTTP/") ? "status line" : "first line") + " \"" + line + "\"";
        }
        boolean cut = bytesReceived > firstBytes.length;
        return after + ", first bytes \"" + TerminalText.escapeLine(firstBytes, 0, firstBytes.length)
                + (cut ? "...\" (no line end in the first " + firstBytes.length + " bytes)" : "\" (no line end yet)");
    }

    private static boolean endsALine(byte[] firstBytes) {
        return firstBytes.length > 0 && firstBytes[firstBytes.length - 1] == '\n';
    }

    /** An address as a reader types it: {@code 127.0.0.1:80}, {@code [::1]:80}, or the name if unresolved. */
    static String where(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return address.getHostString() + ":" + address.getPort();
        }
        InetAddress ip = address.getAddress();
        return (ip instanceof Inet6Address ? "[" + compressed(ip.getAddress()) + "]" : ip.getHostAddress())
                + ":" + address.getPort();
    }

    /** An IPv6 address in RFC 5952's short form: the longest run of two or more zero groups as "::". */
    private static String compressed(byte[] ipv6) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ipv6[2 * i] & 0xff) << 8) | (ipv6[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** An answer that ended but is not a whole HTTP response: cut short, or malformed. */
    public static class BadResponseException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadResponseException(String message) {
            super(message);
        }
    }

    /** An answer that is not an HTTP response at all. */
    public static final class NotHttpException extends BadResponseException {
        private static final long serialVersionUID = 1L;

        public NotHttpException(String message) {
            super(message);
        }
    }
}
