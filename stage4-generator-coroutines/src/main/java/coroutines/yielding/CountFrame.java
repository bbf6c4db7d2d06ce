package coroutines.yielding;

import coroutines.generators.Generator;

/**
 * The article's {@code demo_gen_1} compiled by hand, with the count as a parameter.
 *
 * <pre>
 * def demo_gen_1():
 *     for i in range(3):
 *         yield i
 * </pre>
 *
 * A loop with a {@code yield} inside becomes a jump back into it. {@link #resume} goes on after
 * the yield ({@code i++}) and falls into the loop test again.
 */
public final class CountFrame extends Generator<Integer, Object, Void> {

    private final int count; // range(count)
    private int i;           // the loop variable: a field, so it survives between sends
    private int resumeAt;

    public CountFrame(int count) {
        this.count = count;
    }

    @Override
    protected Integer resume(Object sent, Throwable thrown) throws Throwable {
        if (resumeAt == 0) {
            i = 0;                                   // for i in range(count):
        } else {
            if (thrown != null) {
                throw thrown;                        // throwIn raises at "yield i"
            }
            i++;                                     // the loop goes on after the yield
        }
        if (i < count) {
            resumeAt = 1;
            return i;                                // yield i
        }
        return returned(null);                       // the end of the body: return None
    }
}
