package coroutines.polling;

import static org.assertj.core.api.Assertions.fail;

import coroutines.polling.PollingClient.Request;
import coroutines.testbed.Event;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the tests of exercises 2.1 and 2.2 share: one request, polled on the test's thread, as the
 * stage's loop polls each request, but without the loop (exercise 2.3) and each exercise without
 * the other: 2.1's requests start at reading, on a channel the test sent the request on; 2.2's
 * stop once sending is over.
 *
 * <p>Every poll loop here is bounded: past its bound the test closes the request's socket, which
 * ends even a poll that never returns (a read or write retried in a loop on a socket that never
 * becomes ready), and the test fails saying the request did not finish.
 */
final class PollOnceExercises {

    /** Closes the sockets of requests still polled past their test's bound. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "exercise-poll-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private PollOnceExercises() {
    }

    /** The article's request for {@code host}, as the stage sends it. */
    static byte[] articleRequest(String host) {
        return ("GET http://" + host + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Exercise 2.1's start: the test connects to the target and sends the article's request itself
     * (a blocking channel, written whole), then hands the channel to the request, which starts at
     * reading. Returns the channel, so that the test can see whether the request closed it.
     */
    static SocketChannel sentByTheTest(Request request, Target target) throws IOException {
        SocketChannel channel = SocketChannel.open((InetSocketAddress) target.resolve());
        ByteBuffer bytes = ByteBuffer.wrap(articleRequest(target.host()));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        request.startReading(channel);
        return channel;
    }

    /**
     * Polls {@code request} until {@code poll()} says it is done. Fails at once if the request was
     * reported (answered or failed) while a poll still says it is not done, and fails if it is still
     * not done after {@code bound}.
     */
    static void pollUntilDone(Request request, StageRun run, Duration bound) {
        Target target = run.targets().get(0);
        try (Bound over = Bound.of(request, bound)) {
            while (!request.poll()) {
                if (run.outcome(target) != null) {
                    fail("the request was reported (" + (run.outcome(target).answered() ? "as answered" : "as failed")
                            + ") but poll() says it is still not done: a request that has ended must be done"
                            + " (finish() it), or it goes on reading after the end");
                }
                over.check();
            }
            over.check();
        }
    }

    /**
     * Exercise 2.2's run: starts the connect, then polls while the request connects or sends; stops
     * once it has moved on to reading (or is done: failed). After every poll, checks that "sent" was
     * recorded at most once, and never before a poll that still wrote part of the request. Returns
     * how many of the polls made while sending wrote something, as the stage counts them: a poll
     * that was not counted empty.
     */
    static int pollWhileSending(Request request, StageRun run, Duration bound) {
        Target target = run.targets().get(0);
        request.startConnecting();
        int writesThatMoved = 0;
        try (Bound over = Bound.of(request, bound)) {
            while (request.step == Request.Step.CONNECTING || request.step == Request.Step.SENDING) {
                boolean sending = request.step == Request.Step.SENDING;
                long sentBefore = sentEvents(run, target);
                long emptyBefore = request.emptyPolls;
                request.poll();
                boolean wrote = sending && request.emptyPolls == emptyBefore;
                if (wrote) {
                    writesThatMoved++;
                }
                long sent = sentEvents(run, target);
                if (sent > 1) {
                    fail("run.sent was recorded " + sent + " times while the request was sending: it is recorded once,"
                            + " when nothing of the request is left to write");
                }
                if (sentBefore == 1 && wrote) {
                    fail("run.sent was recorded before the whole request was written: a later poll still wrote part of"
                            + " it; record it once nothing is left");
                }
                over.check();
            }
            over.check();
        }
        return writesThatMoved;
    }

    private static long sentEvents(StageRun run, Target target) {
        return run.events().kindsOf(target).stream().filter(kind -> kind == Event.Kind.SENT).count();
    }

    /** A test's bound on polling one request: past it, the request's socket is closed. */
    private static final class Bound implements AutoCloseable {
        private final Duration bound;
        private final AtomicBoolean passed = new AtomicBoolean();
        private final ScheduledFuture<?> watchdog;

        private Bound(Request request, Duration bound) {
            this.bound = bound;
            this.watchdog = WATCHDOG.schedule(() -> {
                passed.set(true);
                request.closeSocket(); // ends a poll that never returns: its read or write now throws
            }, bound.toMillis(), TimeUnit.MILLISECONDS);
        }

        static Bound of(Request request, Duration bound) {
            return new Bound(request, bound);
        }

        /** Fails if the bound has passed: whatever the request did after that was cut short by the test. */
        void check() {
            if (passed.get()) {
                fail("the request was still not done after " + bound.toMillis() + " ms of polling, so the test closed"
                        + " its socket: a poll that waits, or loops, instead of returning at once, or a request that"
                        + " never ends");
            }
        }

        @Override
        public void close() {
            watchdog.cancel(false);
        }
    }
}
