package coroutines.generators;

/**
 * What a generator's body uses to pause: Python's {@code yield} and {@code yield from}, which Java lacks.
 *
 * @param <Y> what the body yields
 * @param <S> what the caller sends in
 */
public interface Yielder<Y, S> {

    /**
     * Python's {@code received = yield value}: pauses, handing {@code value} to the caller of {@code send}.
     * Resumed, it returns what was sent in, or throws what {@code throwIn} or {@code close} raised.
     */
    S yield(Y value);

    /**
     * Python's {@code result = yield from sub} (PEP 380): runs {@code sub} as if its body were here.
     * Its yields go out, what comes in goes on to it, a close closes it. Returns its return value.
     */
    @SuppressWarnings("unchecked")
    default <R> R yieldFrom(Generator<? extends Y, ? super S, R> sub) {
        // PEP 380's expansion of "result = yield from sub", as a loop over this.yield.
        sub.delegatedFrom(this); // a sub not yet started may run its body inside this one (ContinuationGenerator)
        S sent = null;
        Throwable thrown = null;
        while (true) {
            Y value;
            try {
                value = Generator.delegate(sub, sent, thrown);
            } catch (StopIteration subEnded) {
                return (R) subEnded.value();
            }
            try {
                sent = this.yield(value);
                thrown = null;
            } catch (Throwable thrownIn) { // from throwIn or close: passed on to sub next time round
                sent = null;
                thrown = thrownIn;
            }
        }
    }
}
