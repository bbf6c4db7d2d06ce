package coroutines.yielding;

import coroutines.generators.Generator;

/**
 * A generator that {@code send} feeds, compiled by hand as {@link DemoFrame} is: the frame an
 * exercise asks for (exercise 4.1). Its Python:
 *
 * <pre>
 * def accumulate():
 *     total = 0
 *     while True:
 *         value = yield total
 *         if value is None:
 *             return total
 *         total += value
 * </pre>
 *
 * Each {@code send(n)} adds n and yields the new total; {@code send(None)} ends it, returning the
 * total. The local {@code total} and the place it paused must outlive each call of {@link #resume}.
 */
public final class AccumulateFrame extends Generator<Integer, Integer, Integer> {

    private int total;    // the local: a field, so it survives between sends
    private int resumeAt; // 0 before the body starts, 1 once it waits at "yield total"

    @Override
    protected Integer resume(Integer sent, Throwable thrown) throws Throwable {
        // BEGIN SOLUTION 4.1
        // STUB throw new UnsupportedOperationException("exercise 4.1 is not done yet: compile accumulate() by hand");
        if (resumeAt == 0) {
            total = 0;                               // total = 0
            resumeAt = 1;
            return total;                            // value = yield total
        }
        if (thrown != null) {
            throw thrown;                            // throwIn raises at "yield total"
        }
        if (sent == null) {
            return returned(total);                  // if value is None: return total
        }
        total += sent;                               // total += value
        return total;                                // back to the loop's "yield total"
        // END SOLUTION 4.1
    }
}
