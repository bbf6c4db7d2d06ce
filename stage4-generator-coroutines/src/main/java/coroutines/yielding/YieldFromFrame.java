package coroutines.yielding;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;

/**
 * {@code yield from} compiled by hand: the article's {@code demo_gen_2}, keeping the result, with
 * the generator it delegates to as a parameter.
 *
 * <pre>
 * def demo_gen_2():
 *     result = yield from demo_gen_1()
 *     return result
 * </pre>
 *
 * Every send goes on to the sub-generator, and what it yields comes back out (PEP 380): one
 * {@link Generator#delegate} step per resume. The sub-generator's return value is the value of
 * {@code yield from}, which this body returns.
 */
public final class YieldFromFrame<Y, S, R> extends Generator<Y, S, R> {

    private final Generator<? extends Y, ? super S, ? extends R> sub;

    public YieldFromFrame(Generator<? extends Y, ? super S, ? extends R> sub) {
        this.sub = sub;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Y resume(S sent, Throwable thrown) {
        try {
            return delegate(sub, sent, thrown);      // paused inside "yield from" until sub ends
        } catch (StopIteration subEnded) {
            return returned((R) subEnded.value());   // return result
        }
    }
}
