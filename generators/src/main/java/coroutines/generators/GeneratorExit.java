package coroutines.generators;

/**
 * Raised at a generator's paused {@code yield} by {@link Generator#close}, so that its
 * {@code finally} blocks run before it is dropped.
 *
 * <p>An {@link Error}, as Python's is a BaseException: a body's {@code catch (Exception e)} must not
 * swallow a request to stop. No stack trace: it is a signal, made on every close.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super(null, null, false, false);
    }
}
