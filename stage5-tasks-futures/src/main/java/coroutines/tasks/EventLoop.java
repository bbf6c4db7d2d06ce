package coroutines.tasks;

import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event loop: the article's {@code selector}, its {@code running_cnt}, and its loop
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}. A coroutine that
 * must wait for its socket registers the socket here, with the future it will wait for and what
 * to do once the socket is ready (the article's lambdas, such as
 * {@code lambda: f.set_result(self.sock.recv(4096))}); then it yields the future. The loop sleeps
 * in {@code select()}, runs what the ready key carries, that ends the future, and the future's
 * callback, a {@link Task}'s step, resumes the coroutine.
 *
 * <p>Unlike stage 3's loop, this one knows nothing of callbacks that fail, and of a request only
 * which socket serves it (for its deadlines): it ends futures, and whatever went wrong travels on
 * the future to the coroutine that waits for it.
 * Two duties the article leaves out fall to it all the same, because only the loop is awake while
 * every coroutine waits: each wait has a deadline (a socket that sees nothing for the run's timeout,
 * or whose request is past its {@code --max-time}, gets a {@link SocketTimeoutException} on its
 * future), and an {@link IOException} from a ready action (a refused connect, a reset) goes on the
 * future instead of stopping the loop.
 *
 * <p>One thread at a time: the loop's thread runs the loop, the ready actions and the futures'
 * callbacks. {@link #register} and {@link #unregister} are called by coroutine bodies, which run
 * only while the loop's thread waits for them inside a Task's step (on the loop's thread itself,
 * in the JDK's continuation, on JDK 21+; on threads of their own before); so nothing here is ever
 * used by two threads at once, and nothing needs a lock.
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
    private final Run run;
    private final Deadlines deadlines;
    // The article's running_cnt: requests started and not yet ended. The loop stops at zero.
    private int running;
    // Which request each running socket serves: the run gives each request's waits their deadline.
    private final Map<SelectableChannel, Target> requests = new HashMap<>();

    EventLoop(Run run) throws IOException {
        this.selector = Selector.open();
        this.run = run;
        this.deadlines = run.deadlines();
    }

    /** The article's {@code running_cnt += 1}: one more request, served by {@code channel}. */
    void requestStarted(SelectableChannel channel, Target request) {
        running++;
        requests.put(channel, request);
    }

    /** The article's {@code running_cnt -= 1}. */
    void requestEnded(SelectableChannel channel) {
        running--;
        requests.remove(channel);
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
        Wait wait = new Wait(future, whenReady, deadlines.forWait(requests.get(channel)));
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
            selector.select(deadlines.selectTimeoutMillis());
            // Not select(Consumer): it runs each action inside the selector's locks, and a coroutine
            // on the JDK's continuation must never be resumed while a monitor is held.
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove(); // the selector only adds keys to this set; taking them out is ours to do
                runReadyAction(key);
            }
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
        // A copy: failing a wait resumes its coroutine, which may close its socket or register anew.
        for (SelectionKey key : deadlines.passed(this::waitingKeys, EventLoop::deadlineOf)) {
            if (key.isValid() && key.attachment() instanceof Wait wait) {
                SocketTimeoutException expired = deadlines.expired(requests.get(key.channel()), key);
                endWait(key);
                wait.future().setException(expired);
            }
        }
    }

    private static void endWait(SelectionKey key) {
        if (key.isValid()) { // a refused finishConnect closes the channel itself, which cancels its key
            key.interestOps(0);
            key.attach(null);
        }
    }


    /** The keys of the coroutines waiting on their sockets; if none waits while requests run, select() would sleep forever. */
    private List<SelectionKey> waitingKeys() {
        return selector.keys().stream().filter(key -> key.isValid() && key.attachment() instanceof Wait).toList();
    }

    private static long deadlineOf(SelectionKey key) {
        return ((Wait) key.attachment()).deadlineNanos();
    }

    /** Closes the sockets still running (there are some only if the loop was left by an exception), then the selector. */
    @Override
    public void close() throws IOException {
        try {
            for (SelectableChannel channel : List.copyOf(requests.keySet())) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // The request is over either way; a failing close changes nothing for the reader.
                }
            }
        } finally {
            selector.close();
        }
    }
}
