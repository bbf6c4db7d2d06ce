package coroutines.selector;

import static java.nio.charset.StandardCharsets.US_ASCII;

import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The article's {@code request(host)}, cut wherever it must wait. {@link #start} begins a
 * non-blocking connect, hangs {@link #connected} on the key and returns at once. The loop calls
 * {@code connected} once the connect is done. It sends with {@link #sendRequest}, again on
 * OP_WRITE if the socket took only part, then hangs {@link #readResponse}. The loop calls that
 * once per chunk, until the server closes.
 *
 * <p>In stage 1 this was one method read top to bottom. Here it is three callbacks. What ties
 * them together is not the code, but the fields below and the loop that calls them.
 */
final class Request {

    private final Target target;
    private final Run run;
    private final EventLoop loop;
    private final ByteBuffer requestBytes;
    private final ByteBuffer chunk = ByteBuffer.allocate(4096);
    // The article's closure variables (sock, response_bytes) are fields here: each callback
    // returns to the loop before the next one runs, so nothing on the stack survives between steps.
    private final ByteArrayOutputStream responseBytes = new ByteArrayOutputStream();
    private SocketChannel sock;
    private SelectionKey key;

    Request(Target target, Run run, EventLoop loop) {
        this(target, run, loop, ("GET http://" + target.host() + " HTTP/1.0\r\nHost: " + target.host() + "\r\n\r\n").getBytes(US_ASCII));
    }

    /** Any bytes to send: a request too big for the socket's buffer shows what the article's 46 bytes hide. */
    Request(Target target, Run run, EventLoop loop, byte[] requestBytes) {
        this.target = target;
        this.run = run;
        this.loop = loop;
        this.requestBytes = ByteBuffer.wrap(requestBytes);
    }

    /** Starts the connect and registers the first callback; returns without waiting. */
    void start() {
        try {
            sock = SocketChannel.open();
            sock.configureBlocking(false);
            run.connecting(target);
            // Where Python raises BlockingIOError, Java returns false: "started, not finished".
            boolean connectedAtOnce = sock.connect(target.resolve());
            // Connected at once (loopback may), a new socket is writable: connected() still runs from the loop.
            key = loop.startRequest(sock, connectedAtOnce ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, target, this::connected);
        } catch (IOException | RuntimeException e) {
            EventLoop.closeQuietly(sock); // failed before it joined the loop (an unknown name, say): nothing to count down
            run.failed(target, e);
        }
    }

    /** Callback: the connect is done, or failed (then finishConnect throws and the loop reports it). */
    private void connected() throws IOException {
        // BEGIN SOLUTION 3.3
        // STUB throw new UnsupportedOperationException("exercise 3.3 is not done yet: finish the connect, say so, and send the request");
        if (!sock.finishConnect()) {
            return; // not done after all: the key still waits for OP_CONNECT
        }
        run.connected(target);
        run.out().println(target.host() + " connect success");
        sendRequest();
        // END SOLUTION 3.3
    }

    /** Writes what is left of the request, then waits for the answer. Also a callback, if the socket took only part. */
    private void sendRequest() throws IOException {
        // BEGIN SOLUTION 3.3
        // STUB throw new UnsupportedOperationException("exercise 3.3 is not done yet: write the request, then wait for the answer with readResponse");
        sock.write(requestBytes);
        if (requestBytes.hasRemaining()) {
            loop.waitFor(key, SelectionKey.OP_WRITE, this::sendRequest); // the rest when the socket can take it
            return;
        }
        run.sent(target);
        loop.waitFor(key, SelectionKey.OP_READ, this::readResponse);
        // END SOLUTION 3.3
    }

    /** Callback: bytes, or the end of the stream, can be read. Reads one chunk, as the article's read_response. */
    private void readResponse() throws IOException {
        chunk.clear();
        int length = sock.read(chunk);
        if (length == 0) {
            return; // woken with nothing to read after all: keep waiting
        }
        run.read(target, chunk.array(), length);
        run.out().println("recv " + target.host() + " body success"); // after every recv, the last (empty) one too
        run.failHereIfAsked(target, "readResponse");
        if (length > 0) {
            responseBytes.write(chunk.array(), 0, length);
        } else { // the server closed: the response is complete
            loop.endRequest(key);
            run.answered(target, responseBytes.toByteArray());
        }
    }
}
