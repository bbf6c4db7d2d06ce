package coroutines.generators;

/**
 * What a generator's body (a {@link Generator.Body}) uses to pause: Python's {@code yield} and
 * {@code yield from}, which Java does not have as words of the language.
 *
 * @param <Y> what the body yields
 * @param <S> what the caller sends in
 */
public interface Yielder<Y, S> {

    /**
     * Pauses the body and hands {@code value} to the caller of {@code send}; returns when the
     * generator is resumed, with the value sent in, or throws what was thrown in with
     * {@link Generator#throwIn} (or {@link GeneratorExit} from {@link Generator#close}).
     * Python's {@code received = yield value}.
     */
    S yield(Y value);

    /**
     * Runs {@code sub} to its end as if its body were written here (PEP 380): what it yields
     * goes out to this generator's caller, what the caller sends or throws in goes on to
     * {@code sub}, closing this generator closes {@code sub}; returns {@code sub}'s return value.
     * Python's {@code result = yield from sub}.
     */
    @SuppressWarnings("unchecked")
    default <R> R yieldFrom(Generator<? extends Y, ? super S, R> sub) {
        // PEP 380's expansion of "result = yield from sub", written as a loop over this.yield.
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
