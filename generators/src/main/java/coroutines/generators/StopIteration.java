package coroutines.generators;

/**
 * How a generator says "I have finished", as in Python. {@link Generator#send} throws it, carrying
 * the body's return value, and again on every later send. A {@code for} loop stops at it quietly.
 *
 * <p>No stack trace: it is every generator's normal end, and a trace costs more than a step. Its
 * message is the value as text, so JShell shows {@code StopIteration: None} where Python does.
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
