package coroutines.selector;

import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The event loop: the article's {@code selector}, {@code running_cnt} and its loop
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}. Each key carries
 * the callback to run when its channel is ready. The loop runs it, and knows nothing else of the request.
 *
 * <p>Two duties the article leaves out fall to the loop, since only the loop is still there when a
 * request goes wrong. It bounds every wait, through {@link Deadlines}. It catches what a callback
 * throws, and ends that request. Without them, one silent host or one broken callback would keep
 * the counter above zero forever.
 */
final class EventLoop implements Closeable {

    /** One step of one request. Failures of the network come as IOExceptions. */
    interface Callback {
        void call() throws IOException;
    }

    /** What a key carries. Python's {@code key.data} is the callback alone. */
    static final class KeyData {
        final Target request; // all the loop can say about a callback that throws
        Callback callback;
        boolean ended; // not readable from the key: the JDK may cancel a failing channel's key itself

        KeyData(Target request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }
    }

    private final Selector selector = Selector.open();
    private final Run run;
    private final Deadlines deadlines;
    // The article's running_cnt: requests started and not yet ended. The loop stops at zero.
    int running;
    // How often select() returned, and how many callbacks ran: the stage prints both at the end.
    long wakeUps;
    long callbacks;

    EventLoop(Run run) throws IOException {
        this.run = run;
        this.deadlines = run.deadlines();
    }

    /** A request joins the loop: the article's {@code running_cnt += 1} and {@code selector.register(fd, event, callback)}. */
    SelectionKey startRequest(SocketChannel channel, int interest, Target request, Callback callback) throws ClosedChannelException {
        SelectionKey key = channel.register(selector, interest, new KeyData(request, callback));
        deadlines.startWait(key, request);
        running++;
        return key;
    }

    /**
     * The article's {@code unregister} then {@code register}: Java keeps one key per channel, so its
     * interest and callback change. Replacing the interest clears a finished OP_CONNECT: left set,
     * it would make every select return at once.
     */
    void waitFor(SelectionKey key, int interest, Callback callback) {
        key.interestOps(interest);
        data(key).callback = callback;
    }

    /**
     * The article's {@code unregister} and {@code running_cnt -= 1}, and the channel closed (Python
     * closes an unused socket by itself). Ending a request twice changes nothing.
     */
    void endRequest(SelectionKey key) {
        // BEGIN SOLUTION 3.1
        // STUB throw new UnsupportedOperationException("exercise 3.1 is not done yet: unregister the key, close its channel, one less running; only once");
        if (data(key).ended) {
            return;
        }
        data(key).ended = true;
        key.cancel();
        closeQuietly(key.channel());
        running--;
        // END SOLUTION 3.1
    }

    /** Runs until every request has ended: answered, failed, or timed out. */
    void runWhileRunning() throws IOException {
        // BEGIN SOLUTION 3.2
        // STUB throw new UnsupportedOperationException("exercise 3.2 is not done yet: select and run the ready callbacks while requests are running, never past a deadline");
        while (running > 0) {
            // Sleeps until a channel is ready or the nearest deadline. This form takes each key out of the selected set.
            selector.select(this::runCallback, deadlines.selectTimeoutMillis());
            wakeUps++;
            failExpiredWaits();
        }
        // END SOLUTION 3.2
    }

    private void runCallback(SelectionKey key) {
        if (!key.isValid()) {
            return; // cancelled earlier in this same round: its request has ended
        }
        callbacks++;
        try {
            data(key).callback.call(); // the article's key.data()
            deadlines.startWait(key, data(key).request); // progress: the no-progress clock starts again
        } catch (IOException | RuntimeException e) {
            fail(key, e); // only here can a callback's failure be caught: the loop called it
        }
    }

    /** What the article leaves out: a silent host would keep its request running, and the loop, forever. */
    private void failExpiredWaits() {
        deadlines.failExpired(this::fail);
    }

    private void fail(SelectionKey key, Exception cause) {
        endRequest(key); // closes the channel and lowers the counter: the loop can still end
        run.failed(data(key).request, cause); // a bug (not an IOException) gets its stack trace printed
    }

    private static KeyData data(SelectionKey key) {
        return (KeyData) key.attachment();
    }

    static void closeQuietly(Channel channel) {
        try (channel) { // try-with-resources closes it, and skips a null
            // nothing else to do
        } catch (IOException ignored) {
            // the request is over either way
        }
    }

    /** Closes the channels still registered (only if the loop was left by an exception), then the selector. */
    @Override
    public void close() throws IOException {
        selector.keys().forEach(key -> closeQuietly(key.channel()));
        selector.close();
    }
}
