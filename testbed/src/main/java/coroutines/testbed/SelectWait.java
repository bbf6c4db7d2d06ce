package coroutines.testbed;

/**
 * A loop about to sleep in {@code select}: when, on which thread, and for how long at most. The
 * pictures draw each as a band on the loop's lane, up to the first step the loop ran after it.
 * It is recorded by {@link Deadlines#selectTimeoutMillis()}, which every selector loop asks just
 * before it selects, so no lesson method gains a line for it.
 *
 * @param nanos         when, from {@link System#nanoTime()}, on the clock of {@link Event#nanos()}
 * @param thread        the name of the loop's thread
 * @param timeoutMillis the longest the select may sleep: until the nearest deadline
 */
public record SelectWait(long nanos, String thread, long timeoutMillis) {
}
