package coroutines.blocking;

import coroutines.testbed.Client;
import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Stage 1, the article's section 1: the synchronous request, one {@link Socket} per host, one host
 * after another. {@code connect} and {@code read} block this thread until the network is done. So
 * the run lasts about the sum of the hosts' latencies, and the CPU has nothing to do.
 */
public final class BlockingClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) {
        // BEGIN SOLUTION 1.3
        // STUB throw new UnsupportedOperationException("exercise 1.3 is not done yet: request each host in turn, each failure reported on its own");
        for (Target target : targets) {
            requestAndReport(target, run);
        }
        // END SOLUTION 1.3
    }

    /** One host from start to end; its response or its failure goes to the run, never further. */
    public static void requestAndReport(Target target, Run run) {
        // BEGIN SOLUTION 1.3
        // STUB throw new UnsupportedOperationException("exercise 1.3 is not done yet: report this host's answer or its failure");
        try {
            run.answered(target, request(target, run));
        } catch (IOException e) {
            // A failing host is reported here and goes no further: the other hosts carry on.
            run.failed(target, e);
        }
        // END SOLUTION 1.3
    }

    /** The article's {@code request(host)}: connect, send the request, read until the server closes. */
    public static byte[] request(Target target, Run run) throws IOException {
        String host = target.host();
        String url = "http://" + host;
        // The watchdog closes the socket at the request's --max-time: a blocking write has no timeout of its own.
        try (Socket sock = new Socket(); Deadlines.Watchdog watchdog = run.deadlines().closeAtDeadline(target, sock)) {
            run.connecting(target);
            connectWithin(sock, target, run.timeout());
            run.connected(target);

            sock.getOutputStream().write(("GET " + url + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            run.sent(target);

            return readUntilClosed(sock.getInputStream(), target, run);
        }
    }

    /**
     * Python's {@code sock.connect((host, 80))}, with the bound it lacks. The connect and each later
     * read wait at most {@code timeout}.
     */
    static void connectWithin(Socket sock, Target target, Duration timeout) throws IOException {
        // BEGIN SOLUTION 1.2
        // STUB throw new UnsupportedOperationException("exercise 1.2 is not done yet: connect, and bound every wait by the timeout");
        int timeoutMillis = (int) timeout.toMillis();
        sock.connect(target.resolve(), timeoutMillis);
        sock.setSoTimeout(timeoutMillis);
        // END SOLUTION 1.2
    }

    /** The article's {@code while True: chunk = sock.recv(4096)} loop: every byte, until the server closes. */
    static byte[] readUntilClosed(InputStream in, Target target, Run run) throws IOException {
        // BEGIN SOLUTION 1.1
        // STUB throw new UnsupportedOperationException("exercise 1.1 is not done yet: read every chunk until the server closes");
        ByteArrayOutputStream responseBytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int length = in.read(chunk); // blocks until bytes arrive, the server closes, or the timeout
        run.read(target, chunk, length);
        while (length != -1) {
            responseBytes.write(chunk, 0, length);
            length = in.read(chunk);
            run.read(target, chunk, length);
        }
        return responseBytes.toByteArray();
        // END SOLUTION 1.1
    }
}
