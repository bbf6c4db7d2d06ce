package coroutines.testbed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Turns what went wrong into one line a reader can act on: what happened, and what to try.
 * The stages throw the JDK's own exceptions; this is the one place that explains them.
 */
public final class Failures {

    private Failures() {
    }

    /** Why a host failed, in words, with a hint; {@code target} says where the stage connected. */
    public static String explain(Throwable cause, Target target, Duration timeout) {
        InetSocketAddress address = target.address();
        String where = (address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress())
                + ":" + address.getPort();
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return "unknown host name (DNS has no address for it); check the spelling,"
                    + " or point it somewhere with --resolve " + target.host() + ":PORT:ADDRESS";
        }
        if (cause instanceof ConnectException) {
            return "connection refused by " + where + " (" + message
                    + "); is a server listening there? check the port, or --resolve";
        }
        if (cause instanceof Run.MaxTimeExceeded) {
            return message + "; the server is slow, silent or never stops sending: try a longer --max-time";
        }
        if (cause instanceof SocketTimeoutException) {
            return "timed out (" + message + ") after waiting " + timeout.toMillis()
                    + " ms; the server is slow or silent, try a longer --timeout";
        }
        if (cause instanceof SocketException && message.toLowerCase().contains("reset")) {
            return "the server reset the connection (" + message + ") before the answer was complete";
        }
        if (cause instanceof IOException && message.toLowerCase().contains("broken pipe")) {
            return "the server closed the connection before the request was sent (" + message + ")";
        }
        if (cause instanceof NotHttpException) {
            return message + "; is " + where + " really a web server?";
        }
        return cause.getClass().getSimpleName() + ": " + message;
    }

    /** An answer that is not an HTTP response at all. */
    public static final class NotHttpException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotHttpException(String message) {
            super(message);
        }
    }
}
