package coroutines.tasks;

import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;

/**
 * The event loop: the article's {@code selector}, its {@code running_cnt}, and its loop
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}. A coroutine that
 * must wait registers its socket here, with the future it will wait for and the action that ends
 * that future (the article's lambdas); then it yields the future. The loop sleeps in
 * {@code select()} and runs the ready keys' actions; the futures' callbacks, Task steps, then
 * resume the coroutines.
 *
 * <p>Whatever goes wrong travels on the future to the coroutine that waits for it: an IOException
 * from an action (a refused connect, a reset), or a wait that passed its deadline
 * ({@link WaitDeadlines}, the bound the article leaves out).
 *
 * <p>No locks: the loop's thread runs the loop, the actions and the callbacks, and coroutine bodies
 * run only while that thread waits for them inside a Task's step.
 */
final class EventLoop implements Closeable {

    /** What to do once a socket is ready: in practice, end the future its coroutine waits for. */
    @FunctionalInterface
    interface WhenReady {
        void run() throws IOException;
    }

    /** What a selection key carries while a coroutine waits on its socket, and until when. */
    record Wait(Future<?> future, WhenReady whenReady, long deadlineNanos) {
    }

    private final Selector selector = Selector.open();
    // What recvInto reads into, shared: the loop reads one socket at a time, and each read is copied out.
    final ByteBuffer chunk = ByteBuffer.allocate(4096);
    private final WaitDeadlines deadlines;
    // The article's running_cnt: requests started and not yet ended. The loop stops at zero.
    private int running;

    EventLoop(Run run) throws IOException {
        this.deadlines = new WaitDeadlines(run.deadlines());
    }

    /** The article's {@code running_cnt += 1}: one more request, served by {@code channel}. */
    void requestStarted(SelectableChannel channel, Target request) {
        running++;
        deadlines.requestStarted(channel, request);
    }

    /** The article's {@code running_cnt -= 1}. */
    void requestEnded(SelectableChannel channel) {
        running--;
        deadlines.requestEnded(channel);
    }

    /**
     * The article's {@code selector.register(fd, event, callback)}. Java keeps one key per channel
     * and selector: registering again changes what that key waits for and carries.
     */
    void register(SelectableChannel channel, int interest, Future<?> future, WhenReady whenReady)
            throws ClosedChannelException {
        channel.register(selector, interest, new Wait(future, whenReady, deadlines.forWait(channel)));
    }

    /**
     * The article's {@code selector.unregister(fd)}: the key waits for nothing until the next register.
     * It is kept, since a cancelled key cannot be registered again before the next select.
     */
    void unregister(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) { // a refused finishConnect closes the channel, which cancels its key
            key.interestOps(0);
            key.attach(null);
        }
    }

    /** Runs until every request has ended; no wait lasts longer than its deadline. */
    void runWhileRunning() throws IOException {
        while (running > 0) {
            selector.select(deadlines.selectTimeoutMillis());
            // Not select(Consumer): it runs actions inside the selector's locks, where a continuation must never resume.
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove(); // the selector only adds keys to this set; taking them out is ours to do
                runReadyAction(key);
            }
            deadlines.failExpired(selector, this::fail);
        }
    }

    private void runReadyAction(SelectionKey key) {
        if (!key.isValid() || !(key.attachment() instanceof Wait wait)) {
            return; // its wait ended earlier in this round (its coroutine failed, or closed the socket)
        }
        try {
            wait.whenReady().run(); // the article's key.data()
        } catch (IOException | RuntimeException failure) {
            Failures.requirePendingAfter(wait.future(), failure);
            fail(key, failure); // raised where the coroutine waits, as stage 1's blocking call threw it
        }
    }

    /** Ends the wait on {@code key} with {@code failure}, which its future raises in the coroutine. */
    private void fail(SelectionKey key, Exception failure) {
        Future<?> future = ((Wait) key.attachment()).future();
        unregister(key.channel());
        future.setException(failure);
    }

    /** The selector; sockets still open after a failed loop are closed with their coroutines (see TaskClient). */
    @Override
    public void close() throws IOException {
        selector.close();
    }
}
