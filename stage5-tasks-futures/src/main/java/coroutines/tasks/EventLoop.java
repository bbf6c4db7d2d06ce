package coroutines.tasks;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;

/**
 * The event loop: the article's {@code selector}, its {@code running_cnt}, and its loop
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}. A coroutine that
 * must wait for its socket registers the socket here, with the future it will wait for and what
 * to do once the socket is ready (the article's lambdas, such as
 * {@code lambda: f.set_result(self.sock.recv(4096))}); then it yields the future. The loop sleeps
 * in {@code select()}, runs what the ready key carries, that ends the future, and the future's
 * callback, a {@link Task}'s step, resumes the coroutine.
 *
 * <p>Unlike stage 3's loop, this one knows nothing of requests, hosts or callbacks that fail: it
 * ends futures, and whatever went wrong travels on the future to the coroutine that waits for it.
 * Two duties the article leaves out fall to it all the same, because only the loop is awake while
 * every coroutine waits: each wait has a deadline (a socket that sees nothing for the run's timeout
 * gets a {@link SocketTimeoutException} on its future), and an {@link IOException} from a ready
 * action (a refused connect, a reset) goes on the future instead of stopping the loop.
 *
 * <p>One thread at a time: the loop's thread runs the loop, the ready actions and the futures'
 * callbacks. {@link #register} and {@link #unregister} are called by coroutine bodies, which run on
 * threads of their own (stage 4), but only while the loop's thread waits for them inside a Task's
 * step; so nothing here is ever used by two threads at once, and nothing needs a lock.
 */
final class EventLoop implements Closeable {

    /** What to do once a socket is ready: in practice, end the future its coroutine waits for. */
    @FunctionalInterface
    interface WhenReady {
        void run() throws IOException;
    }

    /** What a selection key carries while a coroutine waits on its socket, and until when. */
    private record Wait(Future<?> future, WhenReady whenReady, long deadlineNanos) {
    }

    private final Selector selector;
    private final long timeoutNanos;
    // The article's running_cnt: requests started and not yet ended. The loop stops at zero.
    private int running;

    EventLoop(Duration timeout) throws IOException {
        this.selector = Selector.open();
        this.timeoutNanos = timeout.toNanos();
    }

    /** The article's {@code running_cnt += 1}. */
    void requestStarted() {
        running++;
    }

    /** The article's {@code running_cnt -= 1}. */
    void requestEnded() {
        running--;
    }

    /**
     * The article's {@code selector.register(fd, event, callback)}: once {@code channel} is ready
     * for {@code interest}, the loop runs {@code whenReady}; if that throws an IOException, or
     * nothing happens within the timeout, {@code future} gets the exception instead.
     *
     * <p>Java keeps one key per channel and selector, and a cancelled key cannot be registered again
     * before the next {@code select()}: so the key made by the first register stays, and later ones
     * change what it waits for and what it carries.
     */
    void register(SelectableChannel channel, int interest, Future<?> future, WhenReady whenReady)
            throws ClosedChannelException {
        Wait wait = new Wait(future, whenReady, System.nanoTime() + timeoutNanos);
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            channel.register(selector, interest, wait);
        } else {
            key.interestOps(interest);
            key.attach(wait);
        }
    }

    /**
     * The article's {@code selector.unregister(fd)}: the key waits for nothing until the next
     * {@link #register}. (Waiting for nothing matters: a connected socket left waiting for
     * {@code OP_CONNECT} or {@code OP_WRITE} would be "ready" forever, and the loop would spin.)
     */
    void unregister(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            endWait(key);
        }
    }

    /** Runs until every request has ended; no wait lasts longer than the timeout. */
    void runWhileRunning() throws IOException {
        while (running > 0) {
            // The Consumer form of select takes each key out of the selected set once it is
            // handled; with selectedKeys() that would be ours to do (iterator.remove()).
            selector.select(this::runReadyAction, millisToNearestDeadline());
            failExpiredWaits();
        }
    }

    private void runReadyAction(SelectionKey key) {
        if (!key.isValid() || !(key.attachment() instanceof Wait wait)) {
            return; // its wait ended earlier in this round (its coroutine failed, or closed the socket)
        }
        try {
            wait.whenReady().run(); // the article's key.data()
        } catch (IOException | RuntimeException failure) {
            if (wait.future().isDone()) {
                throw new IllegalStateException("a ready action failed after it had ended its future " + wait.future(), failure);
            }
            // The network's failure goes to the coroutine that waits, raised where it waits: the
            // same place a blocking call would have thrown it in stage 1.
            endWait(key);
            wait.future().setException(failure);
        }
    }

    private void failExpiredWaits() {
        long now = System.nanoTime();
        // A copy: failing a wait resumes its coroutine, which may close its socket or register anew.
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.isValid() && key.attachment() instanceof Wait wait && now - wait.deadlineNanos() >= 0) {
                String waitedTo = whatItWaitedFor(key.interestOps());
                endWait(key);
                wait.future().setException(new SocketTimeoutException("nothing happened while waiting to " + waitedTo));
            }
        }
    }

    private static void endWait(SelectionKey key) {
        if (key.isValid()) { // a refused finishConnect closes the channel itself, which cancels its key
            key.interestOps(0);
            key.attach(null);
        }
    }

    private static String whatItWaitedFor(int interest) {
        if ((interest & SelectionKey.OP_CONNECT) != 0) {
            return "connect";
        }
        return (interest & SelectionKey.OP_WRITE) != 0 ? "send" : "read";
    }

    private long millisToNearestDeadline() {
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Wait wait) {
                nearest = Math.min(nearest, wait.deadlineNanos() - now);
            }
        }
        if (nearest == Long.MAX_VALUE) {
            // Every running request waits on its socket; if none does, a coroutine waits for a
            // future nobody will end, and select() would sleep forever: say so instead.
            throw new IllegalStateException(running + " requests are running, but none waits on the selector");
        }
        // At least 1 ms: select(action, 0) would mean "wait forever", the one wait not allowed here.
        return Math.max(1, (nearest + 999_999) / 1_000_000);
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
