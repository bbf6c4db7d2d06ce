package coroutines.tasks;

import coroutines.testbed.Deadlines;
import coroutines.testbed.Target;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Plumbing, not a lesson file: the deadline of every wait on the {@link EventLoop}'s selector, a
 * bound the article's loop leaves out. It knows which request each socket serves, gives each wait
 * its deadline, and finds the waits that passed it, worded as in every stage by the testbed's
 * {@link Deadlines}.
 */
final class WaitDeadlines {

    private final Deadlines deadlines;
    // Which request each running socket serves: each request's waits are bounded by its own --max-time too.
    private final Map<SelectableChannel, Target> requests = new HashMap<>();

    WaitDeadlines(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    void requestStarted(SelectableChannel channel, Target request) {
        requests.put(channel, request);
    }

    void requestEnded(SelectableChannel channel) {
        requests.remove(channel);
    }

    /** The deadline of a wait on {@code channel} that starts now. */
    long forWait(SelectableChannel channel) {
        return deadlines.forWait(requests.get(channel));
    }

    /** How long select may sleep: until the nearest deadline. */
    long selectTimeoutMillis() {
        return deadlines.selectTimeoutMillis();
    }

    /** Calls {@code fail} for each wait on {@code selector} past its deadline, with what it fails with. */
    void failExpired(Selector selector, BiConsumer<SelectionKey, SocketTimeoutException> fail) {
        // A copy: failing a wait resumes its coroutine, which may close its socket or register anew.
        for (SelectionKey key : deadlines.passed(() -> waitingKeys(selector), WaitDeadlines::deadlineOf)) {
            if (key.isValid() && key.attachment() instanceof EventLoop.Wait) {
                fail.accept(key, deadlines.expired(requests.get(key.channel()), key));
            }
        }
    }

    /** The keys of the coroutines waiting on their sockets. */
    private static List<SelectionKey> waitingKeys(Selector selector) {
        return selector.keys().stream().filter(key -> key.isValid() && key.attachment() instanceof EventLoop.Wait).toList();
    }

    private static long deadlineOf(SelectionKey key) {
        return ((EventLoop.Wait) key.attachment()).deadlineNanos();
    }
}
