package coroutines.tasks;

import static coroutines.generators.Generator.continuationOrThread;

import coroutines.generators.Generator;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The article's {@code HttpRequest}, method for method. {@link #request()} is a coroutine that
 * reads like stage 1's request: connect, send, read the whole response. Where stage 1 blocked, it
 * waits with {@code yieldFrom}. {@link #connected()} and {@link #read()} register the socket with
 * the loop, with a future the loop ends once the socket is ready. Then they wait for that future.
 *
 * <p>Each method that waits is a coroutine of its own, as each is a generator function in the
 * article. {@code yieldFrom} chains them, so a failure comes out of {@code request()} with all of
 * them in its stack trace. {@code continuationOrThread} makes the fastest kind this JDK offers:
 * the JDK's continuation on 21+, on the loop's thread; before 21, a thread of its own.
 */
final class HttpRequest {

    private final Target target;
    private final Run run;
    private final EventLoop loop;
    private final SocketChannel sock = SocketChannel.open();
    // Python's connect raises BlockingIOError to say "started"; Java's returns false, or true if done at once.
    private final boolean connectedAtOnce;

    /**
     * The article's {@code __init__}: a non-blocking socket (its {@code setblocking(Flase)} would not
     * run), the connect started, and one more request running.
     *
     * @throws IOException if the connect cannot even start (an unknown name): the socket is closed, nothing runs
     */
    HttpRequest(Target target, Run run, EventLoop loop) throws IOException {
        this.target = target;
        this.run = run;
        this.loop = loop;
        try {
            sock.configureBlocking(false);
            run.connecting(target);
            this.connectedAtOnce = sock.connect(target.resolve());
        } catch (IOException | RuntimeException e) {
            sock.close();
            throw e;
        }
        loop.requestStarted(sock, target); // the article's running_cnt += 1, once there is something to wait for
    }

    /** The article's {@code read()}: waits until the socket is readable, and returns one chunk (empty at the end). */
    Generator<Future<?>, Object, byte[]> read() {
        return continuationOrThread("read " + target.host(), yielder -> {
            Future<byte[]> f = new Future<>();
            loop.register(sock, SelectionKey.OP_READ, f, () -> recvInto(f));
            byte[] chunkRead = yielder.yieldFrom(f.untilDone());
            loop.unregister(sock);
            run.failHereIfAsked(target, "read");
            return chunkRead;
        });
    }

    /** The article's {@code read_response()}: reads until the server closes, as stage 1 does. */
    Generator<Future<?>, Object, byte[]> readResponse() {
        return continuationOrThread("read_response " + target.host(), yielder -> {
            // BEGIN SOLUTION 5.5
            // STUB throw new UnsupportedOperationException("exercise 5.5 is not done yet: wait for read() again and again until the server closes");
            ByteArrayOutputStream received = new ByteArrayOutputStream(); // stage 1's responseBytes
            byte[] chunkRead = yielder.yieldFrom(read());
            while (chunkRead.length > 0) {
                received.writeBytes(chunkRead);
                chunkRead = yielder.yieldFrom(read());
            }
            return received.toByteArray();
            // END SOLUTION 5.5
        });
    }

    /** The article's {@code connected()}: waits until the connect is done, then says so. */
    Generator<Future<?>, Object, Void> connected() {
        return continuationOrThread("connected " + target.host(), yielder -> {
            Future<Void> f = new Future<>();
            // Java's selector reports a pending connect's end as OP_CONNECT, not OP_WRITE; finishConnect says how it went.
            loop.register(sock, connectedAtOnce ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, f, () -> {
                if (sock.finishConnect()) {
                    f.setResult(null);
                }
            });
            yielder.yield(f); // the article writes "yield f" here, not "yield from f": the Task sends in f's result
            loop.unregister(sock);
            run.connected(target);
            run.out().println(target.host() + " connect success");
            return null;
        });
    }

    /** The article's {@code request()}: stage 1's code with a {@code yieldFrom} wherever stage 1 blocked. */
    Generator<Future<?>, Object, byte[]> request() {
        return continuationOrThread("request " + target.host(), yielder -> {
            try (sock) {
                yielder.yieldFrom(connected());
                yielder.yieldFrom(send(("GET http://" + target.host() + " HTTP/1.0\r\nHost: " + target.host() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                byte[] response = yielder.yieldFrom(readResponse());
                run.out().println("request " + target.host() + " success, length:" + response.length);
                return response;
            } finally {
                loop.requestEnded(sock); // the article's running_cnt -= 1, here also when the request fails
            }
        });
    }

    /** The article's {@code sock.send(...)}: a non-blocking write may take only part, so the rest waits for OP_WRITE. */
    private Generator<Future<?>, Object, Void> send(byte[] bytes) {
        return continuationOrThread("send " + target.host(), yielder -> {
            ByteBuffer unsent = ByteBuffer.wrap(bytes);
            for (sock.write(unsent); unsent.hasRemaining(); sock.write(unsent)) {
                Future<Void> f = new Future<>();
                loop.register(sock, SelectionKey.OP_WRITE, f, () -> f.setResult(null));
                yielder.yield(f);
                loop.unregister(sock);
            }
            run.sent(target);
            return null;
        });
    }

    /** The article's {@code f.set_result(self.sock.recv(4096))}, run by the loop once the socket is readable. */
    private void recvInto(Future<byte[]> f) throws IOException {
        ByteBuffer chunk = loop.chunk.clear(); // the loop's one buffer, not 4 KB per request
        int length = sock.read(chunk);
        if (length == 0) {
            return; // woken with nothing to read after all: f stays pending, the socket stays registered
        }
        run.read(target, chunk.array(), length);
        f.setResult(length == -1 ? new byte[0] : Arrays.copyOf(chunk.array(), length));
    }
}
