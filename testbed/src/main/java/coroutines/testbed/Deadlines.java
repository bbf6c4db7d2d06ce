package coroutines.testbed;

import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The arithmetic every selector loop here needs besides {@code select()} itself, written once:
 * how long {@code select} may sleep so that it wakes by the nearest deadline, and which waits
 * have passed theirs. Deadlines are {@link System#nanoTime()} values, as {@link Run} gives them
 * ({@link Run#waitDeadlineNanos}). Not the lesson: the loops still show what they do on expiry.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /**
     * The timeout to pass to {@code select} so that it wakes by the nearest of the waits'
     * deadlines: rounded up to whole milliseconds, and at least 1, because {@code select(0)} would
     * mean "wait forever", the one wait not allowed here.
     *
     * @throws IllegalStateException if nothing waits: a loop that selected then would sleep forever
     */
    public static <W> long selectTimeoutMillis(Collection<W> waits, ToLongFunction<W> deadlineOf) {
        long now = System.nanoTime();
        long nearest = waits.stream().mapToLong(wait -> deadlineOf.applyAsLong(wait) - now).min()
                .orElseThrow(() -> new IllegalStateException("requests are running, but none waits on the selector"));
        return Math.max(1, (nearest + 999_999) / 1_000_000);
    }

    /** The waits whose deadline has passed, in the order given (a copy: failing them may change the original). */
    public static <W> List<W> passed(Collection<W> waits, ToLongFunction<W> deadlineOf) {
        long now = System.nanoTime();
        return waits.stream().filter(wait -> now - deadlineOf.applyAsLong(wait) >= 0).toList();
    }
}
