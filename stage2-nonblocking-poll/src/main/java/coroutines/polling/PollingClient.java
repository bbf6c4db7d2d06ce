package coroutines.polling;

import coroutines.testbed.Client;
import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2, the first half of the article's section 2: non-blocking sockets, polled. Every
 * {@link SocketChannel} call returns at once, done or not. One thread asks each host in turn "ready
 * yet?" until all are done. The requests overlap, but the thread never rests: the count of empty
 * polls is the waste this stage shows.
 */
public final class PollingClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) {
        List<Request> requests = new ArrayList<>();
        for (Target target : targets) {
            requests.add(new Request(target, run));
        }
        try {
            requests.forEach(Request::startConnecting);
            pollUntilAllDone(requests);
        } finally {
            // Only if the loop itself broke is a socket still open here: none outlives the run.
            requests.forEach(Request::closeSocket);
        }

        for (Request request : requests) {
            run.out().printf("%s: %,d polls came back empty%n", request.target.host(), request.emptyPolls);
        }
    }

    /** The poll loop: asks every unfinished request to take one step, again and again, until none is left. */
    static void pollUntilAllDone(List<Request> requests) {
        // BEGIN SOLUTION 2.3
        // STUB throw new UnsupportedOperationException("exercise 2.3 is not done yet: poll every unfinished request in turn until all are done");
        List<Request> unfinished = new ArrayList<>(requests);
        while (!unfinished.isEmpty()) {
            unfinished.removeIf(Request::poll);
        }
        // END SOLUTION 2.3
    }

    /**
     * One host's request and how far it has got: connecting, sending, reading, or done. Not final:
     * the tests of exercise 2.3 hand the loop scripted requests in place of real ones.
     */
    static class Request {
        enum Step { CONNECTING, SENDING, READING, DONE }

        private final Target target;
        private final Run run;
        private final Deadlines deadlines;
        private final ByteBuffer requestBytes;
        private final ByteBuffer chunk = ByteBuffer.allocate(4096);
        private final ByteArrayOutputStream responseBytes = new ByteArrayOutputStream();
        private SocketChannel sock;
        // When the current wait fails: --timeout without progress, or the request's --max-time.
        private long waitDeadline;
        // How far the request has got; read by the tests, as emptyPolls is.
        Step step = Step.CONNECTING;
        // Polls that found nothing to do: the CPU this stage spends on waiting.
        long emptyPolls;

        /** The article's request for the target's host. */
        Request(Target target, Run run) {
            this(target, run, ("GET http://" + target.host() + " HTTP/1.0\r\nHost: " + target.host() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        /** Any bytes to send: a request too big for the socket's buffer shows what the article's 46 bytes hide. */
        Request(Target target, Run run, byte[] requestBytes) {
            this.target = target;
            this.run = run;
            this.deadlines = run.deadlines();
            this.requestBytes = ByteBuffer.wrap(requestBytes);
        }

        void startConnecting() {
            waitDeadline = deadlines.forWait(target);
            try {
                sock = SocketChannel.open();
                sock.configureBlocking(false);
                run.connecting(target);
                // Where Python raises BlockingIOError, Java returns false: started, not finished. pollConnect asks when.
                sock.connect(target.resolve());
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        /** Test hook for exercise 2.1: takes over a channel the request was sent on, and starts at reading. */
        void startReading(SocketChannel connected) throws IOException {
            waitDeadline = deadlines.forWait(target);
            sock = connected;
            sock.configureBlocking(false);
            step = Step.READING;
        }

        /** Tries one step without waiting; true once this request is done (answered or failed). */
        boolean poll() {
            try {
                boolean progressed = switch (step) {
                    case CONNECTING -> pollConnect();
                    case SENDING -> pollWrite();
                    case READING -> pollRead();
                    case DONE -> true;
                };
                if (progressed) {
                    waitDeadline = deadlines.forWait(target);
                } else {
                    emptyPolls++;
                }
                if (step != Step.DONE && System.nanoTime() - waitDeadline >= 0) {
                    String waitedTo = step == Step.CONNECTING ? "connect" : step == Step.SENDING ? "send" : "read";
                    throw deadlines.expired(target, waitedTo);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
            return step == Step.DONE;
        }

        private boolean pollConnect() throws IOException {
            if (!sock.finishConnect()) {
                return false;
            }
            step = Step.SENDING;
            run.connected(target);
            return true;
        }

        private boolean pollWrite() throws IOException {
            // BEGIN SOLUTION 2.2
            // STUB throw new UnsupportedOperationException("exercise 2.2 is not done yet: write what the socket takes now, the rest on later polls");
            // A write may take only part of the bytes; the rest goes on the next polls.
            int written = sock.write(requestBytes);
            if (!requestBytes.hasRemaining()) {
                step = Step.READING;
                run.sent(target);
            }
            return written > 0;
            // END SOLUTION 2.2
        }

        private boolean pollRead() throws IOException {
            // BEGIN SOLUTION 2.1
            // STUB throw new UnsupportedOperationException("exercise 2.1 is not done yet: read what has arrived, if anything, without waiting");
            chunk.clear();
            int length = sock.read(chunk);
            if (length == 0) {
                return false; // nothing yet: an empty poll
            }
            run.read(target, chunk.array(), length);
            if (length == -1) {
                finish();
                run.answered(target, responseBytes.toByteArray());
            } else {
                responseBytes.write(chunk.array(), 0, length);
            }
            return true;
            // END SOLUTION 2.1
        }

        private void fail(Exception e) {
            finish();
            run.failed(target, e);
        }

        private void finish() {
            step = Step.DONE;
            closeSocket();
        }

        void closeSocket() {
            if (sock != null) {
                try {
                    sock.close();
                } catch (IOException ignored) {
                    // The request is over either way; a failing close changes nothing for the reader.
                }
            }
        }
    }
}
