package coroutines.generators;

/**
 * How a generator says "I have finished", as in Python: {@link Generator#send} throws it when
 * the body returns, carrying the return value, and again on every send after that. A
 * {@code for} loop over a generator stops at it quietly.
 *
 * <p>It has no stack trace: it is the normal end of every generator, not a fault, so it is made
 * cheap (filling in a stack trace costs more than a whole generator step); and the message is
 * the return value as text, so that JShell shows {@code StopIteration: None} where Python does,
 * made only when asked for (most ends are never printed).
 */
public final class StopIteration extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** The end of a generator whose body returned {@code value} ({@code null} for none). */
    public StopIteration(Object value) {
        super(null, null, false, false);
        this.value = value;
    }

    @Override
    public String getMessage() {
        return value == null ? null : String.valueOf(value);
    }

    /** What the body returned: the value of a {@code yield from} expression over this generator. */
    public Object value() {
        return value;
    }
}
