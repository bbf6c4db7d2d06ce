package coroutines.yielding;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import coroutines.testbed.Client;
import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 4, the article's section 3.1 put to work: each host's request is one generator. Its body
 * reads like stage 1, but where stage 1 blocked it yields what it waits for. A {@link Selector}
 * loop sleeps until a socket is ready and resumes the generator waiting for it. Stage 3 split this
 * request into callbacks; here its steps, locals and errors stay in one body.
 */
public final class GeneratorClient implements Client {

    /** What a request's generator yields: the socket, and what it waits for (OP_CONNECT, OP_WRITE or OP_READ). */
    record Wait(SocketChannel channel, int readyFor) {
    }

    /**
     * The article's {@code request(host)} as a generator: stage 1's code, with a {@code yield} where
     * stage 1 blocked. The loop sends nothing in; a timeout is thrown in where the body paused.
     */
    static Generator<Wait, Void, byte[]> request(Target target, Run run) {
        String url = "http://" + target.host();
        return request(target, run, ("GET " + url + " HTTP/1.0\r\nHost: " + target.host() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The same, sending any bytes: a request bigger than the socket's buffer needs the write loop. */
    static Generator<Wait, Void, byte[]> request(Target target, Run run, byte[] requestBytes) {
        return Generator.continuationOrThread("generator-" + target.host(), yielder -> {
            // BEGIN SOLUTION 4.3
            // STUB // After each read, keep the bug that --fail-in puts there (the stage's tests and README use it):
            // STUB // run.failHereIfAsked(target, "the body");
            // STUB throw new UnsupportedOperationException("exercise 4.3 is not done yet: stage 1's request, yielding what it waits for");
            try (SocketChannel sock = SocketChannel.open()) {
                sock.configureBlocking(false);
                run.connecting(target);
                if (!sock.connect(target.resolve())) {
                    yielder.yield(new Wait(sock, SelectionKey.OP_CONNECT));
                    sock.finishConnect();
                }
                run.connected(target);

                ByteBuffer unsent = ByteBuffer.wrap(requestBytes);
                while (unsent.hasRemaining()) {
                    if (sock.write(unsent) == 0) { // the send buffer is full: wait until it drains
                        yielder.yield(new Wait(sock, SelectionKey.OP_WRITE));
                    }
                }
                run.sent(target);

                ByteArrayOutputStream responseBytes = new ByteArrayOutputStream();
                ByteBuffer chunk = ByteBuffer.allocate(4096);
                while (true) {
                    yielder.yield(new Wait(sock, SelectionKey.OP_READ));
                    chunk.clear();
                    int length = sock.read(chunk);
                    if (length == 0) {
                        continue; // woken without data: wait again
                    }
                    run.read(target, chunk.array(), length);
                    run.failHereIfAsked(target, "the body");
                    if (length == -1) {
                        return responseBytes.toByteArray();
                    }
                    responseBytes.write(chunk.array(), 0, length);
                }
            }
            // END SOLUTION 4.3
        });
    }

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        List<Request> requests = new ArrayList<>();
        Deadlines deadlines = run.deadlines();
        try (Selector selector = Selector.open()) {
            int waiting = 0; // generators paused at a wait: the loop runs until none is
            for (Target target : targets) {
                Request request = new Request(target, request(target, run));
                requests.add(request);
                if (request.resume(selector, run, deadlines, null)) {
                    waiting++;
                }
            }

            // Sleep until a socket is ready or the nearest deadline passes; resume who may go on.
            while (waiting > 0) {
                selector.select(deadlines.selectTimeoutMillis());
                // Not select(Consumer): it holds the selector's monitors, and a continuation cannot pause under one.
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove(); // the selector only adds to this set; removing is ours to do
                    if (key.isValid() && !((Request) key.attachment()).resume(selector, run, deadlines, null)) {
                        waiting--;
                    }
                }
                for (Request late : deadlines.passed(() -> requests.stream().filter(Request::waiting).toList(),
                        r -> r.deadline)) {
                    // Thrown in at the paused yield: the body's try-with-resources closes the socket.
                    if (!late.resume(selector, run, deadlines, deadlines.expired(late.target, late.key))) {
                        waiting--;
                    }
                }
            }
        } finally {
            for (Request request : requests) {
                request.generator.close(); // only if the loop itself failed: no body stays paused
            }
        }
    }

    /** One host's generator, the key of what it waits for now (null once it ended), and until when. */
    private static final class Request {
        private final Target target;
        private final Generator<Wait, Void, byte[]> generator;
        private SelectionKey key;
        private long deadline;

        Request(Target target, Generator<Wait, Void, byte[]> generator) {
            this.target = target;
            this.generator = generator;
        }

        boolean waiting() {
            return key != null;
        }

        /**
         * Runs the generator to its next wait, or throws {@code timeout} in where it paused.
         * Registers that wait, or reports the host once it ended. Returns whether it waits again.
         */
        boolean resume(Selector selector, Run run, Deadlines deadlines, SocketTimeoutException timeout) {
            try {
                Wait wait = timeout == null ? generator.send(null) : generator.throwIn(timeout);
                deadline = deadlines.forWait(target);
                // A key per socket, made at its first wait; later waits change what it waits for.
                SelectionKey registered = wait.channel().keyFor(selector);
                key = registered == null ? wait.channel().register(selector, wait.readyFor(), this)
                        : registered.interestOps(wait.readyFor());
            } catch (StopIteration answered) {
                key = null;
                run.answered(target, (byte[]) answered.value());
            } catch (Exception failed) { // whatever the body raised, with the body's own stack
                key = null;
                run.failed(target, failed);
            }
            return waiting();
        }
    }
}
