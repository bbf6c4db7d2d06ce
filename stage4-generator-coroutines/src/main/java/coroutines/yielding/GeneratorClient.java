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
 * Stage 4, the article's section 3.1 put to work: each host's request is one generator whose
 * body reads top to bottom like stage 1 (connect, send, read until the server closes), but
 * where stage 1 blocked it yields what it waits for: "wake me when this socket can connect,
 * can be written, has bytes to read". A small loop over a {@link Selector} sleeps until the OS
 * says some socket is ready, and resumes the generator that waits for it. Stage 3 split the
 * same request into callbacks; here the request's steps, locals and errors stay in one body.
 *
 * <p>The generators are the fastest kind this JDK offers ({@link Generator#continuationOrThread}):
 * on JDK 21+ the body runs on the loop's own thread, inside the JDK's continuation; before, on a
 * thread of its own. Either way only one body runs at a time, and only while the loop waits in
 * {@code send}.
 */
public final class GeneratorClient implements Client {

    /**
     * What a request's generator yields: the socket, and what it waits for on it (one of
     * {@link SelectionKey#OP_CONNECT}, {@link SelectionKey#OP_WRITE}, {@link SelectionKey#OP_READ}).
     */
    record Wait(SocketChannel channel, int readyFor) {
    }

    /**
     * The article's {@code request(host)} as a generator: the code of stage 1, with a
     * {@code yield} wherever stage 1 blocked. The selector loop sends nothing in; a timeout
     * is thrown in at the paused {@code yield}, and the socket closes on the way out.
     */
    static Generator<Wait, Void, byte[]> request(Target target, Run run) {
        String url = "http://" + target.host();
        return request(target, run, ("GET " + url + " HTTP/1.0\r\nHost: " + target.host() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The same, sending any bytes: a request too big for the socket's buffer shows what the article's 46 bytes hide. */
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
            // How many generators are paused at a wait: the loop runs until none is.
            int waiting = 0;
            for (Target target : targets) {
                Request request = new Request(target, request(target, run));
                requests.add(request);
                if (request.resume(selector, run, deadlines, null)) {
                    waiting++;
                }
            }

            // The loop: sleep until a socket is ready or the nearest deadline passes, then
            // resume the generators whose wait is over.
            while (waiting > 0) {
                selector.select(deadlines.selectTimeoutMillis());
                // Not select(Consumer): it runs each action inside the selector's locks, and a
                // generator on the JDK's continuation must never be resumed while a monitor is held.
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove(); // the selector only adds keys to this set; taking them out is ours to do
                    if (key.isValid() && !((Request) key.attachment()).resume(selector, run, deadlines, null)) {
                        waiting--;
                    }
                }
                for (Request request : deadlines.passed(() -> waitingOnes(requests), r -> r.deadline)) {
                    // Thrown in at the paused yield: the body's try-with-resources closes the socket.
                    if (!request.resume(selector, run, deadlines, deadlines.expired(request.target,
                            request.waitingTo()))) {
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

    /** The requests whose generator is paused at a wait (a copy: resuming one may end it). */
    private static List<Request> waitingOnes(List<Request> requests) {
        return requests.stream().filter(Request::waiting).toList();
    }

    /** One host's generator, what it waits for now, and until when. */
    private static final class Request {
        private final Target target;
        private final Generator<Wait, Void, byte[]> generator;
        private Wait wait;
        private long deadline;

        Request(Target target, Generator<Wait, Void, byte[]> generator) {
            this.target = target;
            this.generator = generator;
        }

        boolean waiting() {
            return wait != null;
        }

        String waitingTo() {
            switch (wait.readyFor()) {
                case SelectionKey.OP_CONNECT: return "connect";
                case SelectionKey.OP_WRITE: return "send";
                default: return "read";
            }
        }

        /**
         * Runs the generator to its next wait (or throws {@code timeout} in at the paused yield)
         * and registers that wait with the selector; reports the host once the generator ends.
         * Returns whether the generator waits again (false once its request is over).
         */
        boolean resume(Selector selector, Run run, Deadlines deadlines, SocketTimeoutException timeout) {
            try {
                wait = timeout == null ? generator.send(null) : generator.throwIn(timeout);
                deadline = deadlines.forWait(target);
                // A key per socket, made at its first wait; later waits change what it waits for.
                SelectionKey key = wait.channel().keyFor(selector);
                if (key == null) {
                    wait.channel().register(selector, wait.readyFor(), this);
                } else {
                    key.interestOps(wait.readyFor());
                }
            } catch (StopIteration answered) {
                wait = null;
                run.answered(target, (byte[]) answered.value());
            } catch (Exception failed) { // whatever the body raised, with the body's own stack
                wait = null;
                run.failed(target, failed);
            }
            return waiting();
        }
    }
}
