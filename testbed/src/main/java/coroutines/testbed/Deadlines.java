package coroutines.testbed;

import java.io.Closeable;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Every bound on a wait, in one named place: the deadline of each wait, how long {@code select}
 * may sleep, which waits have passed their deadline, what an expired wait fails with, and the
 * watchdog of a blocking request. The article's code waits without bounds; real network code
 * cannot. One per loop (or per blocking request), used by that thread only. A loop on selector
 * keys may leave each key's deadline here too ({@link #startWait}, {@link #failExpired}).
 *
 * <p>It remembers the earliest deadline it gave since it last looked, so a wake-up need not look
 * at every wait: at 10,000 requests that walk was 44 % of stage 3's loop (chapter 8). A wait that
 * ended leaves an earlier number behind, which only makes the loop look early.
 */
public final class Deadlines {

    /** What {@link #closeAtDeadline} starts: closing it calls the watchdog off. */
    @FunctionalInterface
    public interface Watchdog extends AutoCloseable {
        @Override
        void close();
    }

    private final StageRun run;
    // No wait passes its deadline before this; valid while known is true.
    private long earliest;
    private boolean known;

    Deadlines(StageRun run) {
        this.run = run;
    }

    /** The deadline of a wait of {@code request} that starts now: {@link StageRun#waitDeadlineNanos}. */
    public long forWait(Target request) {
        long deadline = run.waitDeadlineNanos(request);
        remember(deadline);
        return deadline;
    }

    /**
     * The timeout to pass to {@code select} so that it wakes by the nearest deadline: rounded up to
     * whole milliseconds, and at least 1, because {@code select(0)} would mean "wait forever", the
     * one wait not allowed here. Each call is recorded as a {@link SelectWait}: a loop asks just before it selects.
     *
     * @throws IllegalStateException if nothing waits: a loop that selected then would sleep forever
     */
    public long selectTimeoutMillis() {
        if (!known) {
            throw new IllegalStateException("nothing waits on the selector (no wait was registered, or every one has"
                    + " ended): a select now would sleep forever; select only while requests are running");
        }
        long nearest = earliest - System.nanoTime();
        long timeout = Math.max(1, (nearest + 999_999) / 1_000_000);
        run.events().recordSelectWait(timeout); // every loop asks just before it sleeps: the pictures' loop lane
        return timeout;
    }

    /**
     * The waits whose deadline has passed, in the order given (a copy: failing them may change the
     * original). {@code waits} is asked for only once the earliest deadline has passed.
     */
    public <W> List<W> passed(Supplier<? extends Collection<W>> waits, ToLongFunction<W> deadlineOf) {
        long now = System.nanoTime();
        if (known && now - earliest < 0) {
            return List.of();
        }
        known = false;
        List<W> passed = new ArrayList<>();
        for (W wait : waits.get()) {
            long deadline = deadlineOf.applyAsLong(wait);
            if (now - deadline >= 0) {
                passed.add(wait);
            } else {
                remember(deadline);
            }
        }
        return passed;
    }

    /**
     * What a wait that passed its deadline fails with, one wording for every stage: "no progress
     * while waiting to connect" ({@code send}, {@code read}), or, if the whole request's time is up,
     * the {@code --max-time} failure.
     *
     * @param waitedTo what the request waited to do: {@code connect}, {@code send} or {@code read}
     */
    public SocketTimeoutException expired(Target request, String waitedTo) {
        return run.waitExpired(request, "no progress while waiting to " + waitedTo);
    }

    /** {@link #expired(Target, String)} for a wait on a selector: what it waited to do is the key's interest. */
    public SocketTimeoutException expired(Target request, SelectionKey key) {
        int interest = key.isValid() ? key.interestOps() : 0;
        if ((interest & SelectionKey.OP_CONNECT) != 0) {
            if (key.channel() instanceof SocketChannel socket && socket.isConnected()) {
                // OP_CONNECT is ready only while a connect is pending: this wait could never end.
                return run.waitExpired(request, "the key still waited for OP_CONNECT, but the socket was connected"
                        + " already: the next wait was never registered");
            }
            return expired(request, "connect");
        }
        if ((interest & SelectionKey.OP_WRITE) != 0) {
            return expired(request, "send");
        }
        if ((interest & SelectionKey.OP_READ) != 0) {
            return expired(request, "read");
        }
        return run.waitExpired(request, "the key waited for nothing (an empty interest set)");
    }

    /** Whether the whole request's {@code --max-time} has passed. */
    public boolean wholeRequestExpired(Target request) {
        return System.nanoTime() - run.deadlineNanos(request) >= 0;
    }

    /**
     * Bounds a blocking request by its {@code --max-time}: closes {@code socket} then, which ends a
     * read or write blocked on it (a blocking write has no timeout of its own). Close the watchdog
     * when the request is over.
     */
    public Watchdog closeAtDeadline(Target request, Closeable socket) {
        return run.closeAtDeadline(request, socket);
    }

    private void remember(long deadline) {
        if (!known || deadline - earliest < 0) {
            earliest = deadline;
            known = true;
        }
    }

    // The waits on a selector's keys, so that a key carries only what the lesson needs. Weak: an ended request's key is not kept.
    private final Map<SelectionKey, KeyWait> keyWaits = new WeakHashMap<>();

    private record KeyWait(Target request, long deadlineNanos) {
    }

    /**
     * A wait of {@code request} on {@code key} starts now, or starts again after progress. Its deadline,
     * {@link #forWait}'s, is kept here until {@link #failExpired} finds it passed or the key is cancelled.
     */
    public void startWait(SelectionKey key, Target request) {
        keyWaits.put(key, new KeyWait(request, forWait(request)));
        if (key.isValid()) { // a callback that ended its request cancelled the key: nothing waits
            run.events().recordKeyInterest(request, key.interestOps()); // the selector's keys, for the picture
        }
    }

    /**
     * Hands each key whose wait passed its deadline to {@code fail}, with what the wait fails with
     * ({@link #expired(Target, SelectionKey)}). A key cancelled before its turn is passed over: its request ended.
     */
    public void failExpired(BiConsumer<SelectionKey, SocketTimeoutException> fail) {
        for (SelectionKey key : passed(this::validWaitingKeys, key -> keyWaits.get(key).deadlineNanos())) {
            if (key.isValid()) { // not ended by an earlier failure of this round
                fail.accept(key, expired(keyWaits.get(key).request(), key));
            }
        }
    }

    /** The keys still waiting (a copy: failing one cancels it), the cancelled ones forgotten. */
    private List<SelectionKey> validWaitingKeys() {
        keyWaits.keySet().removeIf(key -> !key.isValid());
        return List.copyOf(keyWaits.keySet());
    }
}
