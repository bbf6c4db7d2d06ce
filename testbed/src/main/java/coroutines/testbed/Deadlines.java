package coroutines.testbed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The arithmetic every selector loop here needs besides {@code select()} itself, written once: each
 * wait's deadline, how long {@code select} may sleep so that it wakes by the nearest one, and which
 * waits have passed theirs. One per loop, used by the loop's thread only. Not the lesson: the loops
 * still show what they do on expiry.
 *
 * <p>It remembers the earliest deadline it has given since it last looked, so that a wake-up does
 * not look at every wait: at 10,000 requests, walking them all at each wake-up was 44 % of what
 * stage 3's loop did (JFR, chapter 8). No wait's deadline is earlier than that one number; a wait
 * that has ended, or made progress, leaves an earlier number behind, which only makes the loop look
 * early, and the look then finds the true earliest again. Looks stay rare because a deadline given
 * later is hardly ever earlier than one given before: each is now plus {@code --timeout}, or its
 * request's start plus {@code --max-time} ({@link Run#waitDeadlineNanos}).
 */
public final class Deadlines {

    private final Run run;
    // No wait passes its deadline before this; valid while known is true.
    private long earliest;
    private boolean known;

    public Deadlines(Run run) {
        this.run = run;
    }

    /** The deadline of a wait of {@code request} that starts now: {@link Run#waitDeadlineNanos}. */
    public long forWait(Target request) {
        long deadline = run.waitDeadlineNanos(request);
        remember(deadline);
        return deadline;
    }

    /**
     * The timeout to pass to {@code select} so that it wakes by the nearest deadline: rounded up to
     * whole milliseconds, and at least 1, because {@code select(0)} would mean "wait forever", the
     * one wait not allowed here.
     *
     * @throws IllegalStateException if nothing waits: a loop that selected then would sleep forever
     */
    public long selectTimeoutMillis() {
        if (!known) {
            throw new IllegalStateException("nothing waits on the selector (no wait was registered, or every one has"
                    + " ended): a select now would sleep forever; select only while requests are running");
        }
        long nearest = earliest - System.nanoTime();
        return Math.max(1, (nearest + 999_999) / 1_000_000);
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

    private void remember(long deadline) {
        if (!known || deadline - earliest < 0) {
            earliest = deadline;
            known = true;
        }
    }
}
