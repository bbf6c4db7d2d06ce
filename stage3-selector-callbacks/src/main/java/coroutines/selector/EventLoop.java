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
import java.util.List;

/**
 * The event loop: the article's {@code selector} and {@code running_cnt}, and its loop
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}. Each key carries
 * the callback to run when its channel is ready; the loop runs it and knows nothing else about
 * the request.
 *
 * <p>Two duties the article leaves out fall to the loop, because only the loop is still there
 * when a request goes wrong: it bounds every wait (a host that never answers is failed after
 * {@link Run#timeout()} without progress, or at its {@code --max-time}), and it catches what a
 * callback throws (the request is ended and reported, and the others go on). Without them, one
 * silent host or one broken callback would keep the counter above zero, and the loop would wait
 * forever.
 */
final class EventLoop implements Closeable {

    /** What a callback does: one step of one request. Failures of the network come as IOExceptions. */
    @FunctionalInterface
    interface Callback {
        void call() throws IOException;
    }

    /**
     * What the loop counted: how often {@code select()} returned, and how many callbacks it ran.
     * A loop that sleeps until something is ready wakes up at most once per callback (plus once
     * per expired wait); stage 2's poll loop, over the same run, turned hundreds of thousands of times.
     */
    record Counts(long wakeUps, long callbacks) {
    }

    /** What a key carries. Python's {@code key.data} is the callback alone. */
    private static final class KeyData {
        // The request: all the loop can say about a callback that throws.
        final Target request;
        Callback callback;
        // When the current wait gives up.
        long deadlineNanos;
        // Not readable from the key: the JDK may close a failing channel itself, cancelling its key.
        boolean ended;

        KeyData(Target request, Callback callback, long deadlineNanos) {
            this.request = request;
            this.callback = callback;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final Selector selector;
    private final Run run;
    private final Deadlines deadlines;
    // The article's running_cnt: requests started and not yet ended. The loop stops at zero.
    private int running;
    // What the stage prints at the end: how often select() returned, how many callbacks ran.
    private long wakeUps;
    private long callbacks;

    EventLoop(Run run) throws IOException {
        this.selector = Selector.open();
        this.run = run;
        this.deadlines = run.deadlines();
    }

    /**
     * A new request joins the loop: one more running (the article's {@code running_cnt += 1})
     * and its first wait (the article's {@code selector.register(fd, event, callback)}).
     */
    SelectionKey startRequest(SocketChannel channel, int interest, Target request, Callback callback)
            throws ClosedChannelException {
        SelectionKey key = channel.register(selector, interest, new KeyData(request, callback, deadlines.forWait(request)));
        running++;
        return key;
    }

    /**
     * The request waits for something else, with another callback: the article's
     * {@code unregister} then {@code register}. Java keeps one key per channel and selector, so
     * the key's interest set and the callback it carries change instead; replacing the interest set also
     * clears what it waited for before (left set, a finished {@code OP_CONNECT} would make every
     * {@code select()} return at once: a spinning loop).
     */
    void waitFor(SelectionKey key, int interest, Callback callback) {
        key.interestOps(interest);
        data(key).callback = callback;
        data(key).deadlineNanos = deadlines.forWait(data(key).request);
    }

    /**
     * The request is over: its key leaves the selector and its channel is closed (the article's
     * {@code unregister}; Python closes the socket when nothing refers to it any more), and one
     * less is running (the article's {@code running_cnt -= 1}). Ending twice changes nothing.
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

    /** Whether the request of this key has ended (see {@link #endRequest}). */
    static boolean ended(SelectionKey key) {
        return data(key).ended;
    }

    /** Runs until every request has ended: answered, failed, or timed out. */
    void runWhileRunning() throws IOException {
        // BEGIN SOLUTION 3.2
        // STUB throw new UnsupportedOperationException("exercise 3.2 is not done yet: select and run the ready callbacks while requests are running, never past a deadline");
        while (running > 0) {
            // Sleeps until a channel is ready or the nearest deadline. The Consumer form takes each
            // handled key out of the selected set (with selectedKeys(), iterator.remove() must).
            selector.select(this::runCallback, deadlines.selectTimeoutMillis());
            wakeUps++;
            failExpiredWaits();
        }
        // END SOLUTION 3.2
    }

    Counts counts() {
        return new Counts(wakeUps, callbacks);
    }

    /** How many requests are running: started, and not yet ended. */
    int running() {
        return running;
    }

    private void runCallback(SelectionKey key) {
        if (!key.isValid()) {
            return; // cancelled earlier in this same round: its request has ended
        }
        KeyData data = data(key);
        callbacks++;
        try {
            data.callback.call(); // the article's key.data()
            data.deadlineNanos = deadlines.forWait(data.request); // progress: the no-progress clock starts again
        } catch (IOException | RuntimeException e) {
            // Here, and only here, a callback's failure can be caught: the callback was called
            // by the loop, not by the code that started the request.
            fail(key, e);
        }
    }

    private void failExpiredWaits() {
        for (SelectionKey key : deadlines.passed(this::waitingKeys, EventLoop::deadlineOf)) {
            if (key.isValid()) { // not ended by an earlier failure of this round
                fail(key, deadlines.expired(data(key).request, key));
            }
        }
    }

    private void fail(SelectionKey key, Exception cause) {
        endRequest(key); // closes the channel and lowers the counter: the loop can still end
        run.failed(data(key).request, cause); // a bug (not an IOException) gets its stack trace printed
    }


    /** The keys whose requests wait (a copy: failing one cancels its key while the loop walks them). */
    private List<SelectionKey> waitingKeys() {
        return selector.keys().stream().filter(SelectionKey::isValid).toList();
    }

    private static long deadlineOf(SelectionKey key) {
        return data(key).deadlineNanos;
    }

    private static KeyData data(SelectionKey key) {
        return (KeyData) key.attachment();
    }

    static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // The request is over either way; a failing close changes nothing for the reader.
        }
    }

    /** Closes the channels still registered (there are some only if the loop was left by an exception), then the selector. */
    @Override
    public void close() throws IOException {
        try {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
        } finally {
            selector.close();
        }
    }
}
