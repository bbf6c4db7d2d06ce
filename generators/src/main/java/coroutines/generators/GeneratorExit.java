package coroutines.generators;

/**
 * Raised at a generator's paused {@code yield} by {@link Generator#close}, so that its
 * {@code finally} blocks and try-with-resources run before it is dropped.
 *
 * <p>An {@link Error}, not an {@link Exception}, for the reason Python makes its GeneratorExit a
 * BaseException and Java made ThreadDeath an Error: bodies often {@code catch (Exception e)} to
 * handle their own failures, and such a catch must not swallow a request to stop. No stack
 * trace: it is a signal, made on every close.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super(null, null, false, false);
    }
}
