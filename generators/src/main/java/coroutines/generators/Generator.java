package coroutines.generators;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A generator with Python's semantics: it yields {@code Y}s and takes {@code S}s in through {@link #send}.
 * It returns an {@code R}, which a {@link StopIteration} carries out.
 *
 * <p>This class keeps the rules every generator obeys, whatever keeps its paused frame. The first
 * send is {@code null}. A finished generator only raises {@code StopIteration}. A running one
 * cannot be resumed. {@link #close} raises {@link GeneratorExit} where it paused. A
 * {@code StopIteration} escaping the body is a bug (PEP 479).
 *
 * <p>A kind of generator only says how to run on to the next {@code yield} ({@link #resume}).
 * There are three kinds. A frame compiled by hand, such as stage 4's {@code DemoFrame}, keeps its
 * locals in fields. A {@link ThreadGenerator} ({@link #of}) parks a plain Java body on a thread of
 * its own. A {@link ContinuationGenerator} ({@link #continuationOrThread}) keeps it in the JDK's
 * continuation.
 *
 * <p>Whatever the body throws, checked or not, comes out of {@code send}, {@code throwIn} and
 * {@code close} unchanged, as in Python. One caller at a time, as in Python.
 *
 * @param <Y> what the generator yields
 * @param <S> what {@link #send} passes in (the value of the paused {@code yield} expression)
 * @param <R> what the body returns
 */
public abstract class Generator<Y, S, R> implements Iterable<Y>, AutoCloseable {

    /** Where a generator is in its life; the names of Python's {@code inspect.getgeneratorstate}. */
    public enum State {
        /** Made, but its body has not started: only {@code send(null)} starts it. */
        CREATED,
        /** Its body is running right now (only the body itself can see this state). */
        RUNNING,
        /** Paused at a {@code yield}, waiting for {@code send}, {@code throwIn} or {@code close}. */
        SUSPENDED,
        /** Returned, raised, or closed: it will never run again. */
        CLOSED
    }

    // volatile: a ThreadGenerator's body reads it from its own thread, to refuse re-entry.
    private volatile State state = State.CREATED;
    private R returnValue;

    /**
     * Runs the body from where it paused to its next {@code yield} and returns the yielded value.
     * If the body returns instead, returns {@link #returned}'s result. The one method a kind provides.
     *
     * @param sent   the value for the paused {@code yield} expression ({@code null} on the first call)
     * @param thrown if not {@code null}, raise this at the paused {@code yield} instead of returning
     *               {@code sent} from it; never set on the first call
     */
    protected abstract Y resume(S sent, Throwable thrown) throws Throwable;

    /**
     * A kind calls this from {@link #resume} when the body returns: the generator ends with a
     * {@code StopIteration} carrying {@code value}. Returns null, so a frame writes {@code return returned(value);}.
     */
    protected final Y returned(R value) {
        returnValue = value;
        state = State.CLOSED;
        return null;
    }

    /**
     * Resumes the body with {@code value} as the result of the paused {@code yield}, and returns
     * what the body yields next (Python's {@code gen.send(value)}).
     *
     * @throws StopIteration            when the body returns (carrying its value), and on every later send
     * @throws IllegalArgumentException if {@code value} is not null before the body started: no yield can take it
     * @throws IllegalStateException    if the generator is already running (re-entered from its own body)
     */
    public final Y send(S value) {
        if (state == State.CREATED && value != null) {
            // Python raises TypeError here; Java's closest is an illegal argument.
            throw new IllegalArgumentException("can't send non-null value to a just-started generator"
                    + " (send(null) first: it runs the body up to its first yield)");
        }
        return step(value, null);
    }

    /**
     * Raises {@code exception} at the paused {@code yield} (Python's {@code gen.throw}). If the body
     * catches it and yields again, returns that value; if not, the exception comes back out.
     * Into an unstarted generator, it ends it as if raised at its first line (PEP 479 applies).
     * Into a finished one, it is thrown straight back.
     */
    public final Y throwIn(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        if (state == State.CREATED) {
            state = State.CLOSED;
            throw escaped(exception);
        }
        return step(null, exception);
    }

    /**
     * Raises {@link GeneratorExit} at the paused {@code yield}, so the body's {@code finally} blocks run.
     * Does nothing to a generator that is finished or never started.
     *
     * @throws RuntimeException "generator ignored GeneratorExit" if the body yields again (it stays paused)
     */
    @Override
    public final void close() {
        if (state == State.CREATED) {
            state = State.CLOSED;
            return;
        }
        if (state == State.CLOSED) {
            return;
        }
        try {
            step(null, new GeneratorExit());
        } catch (GeneratorExit | StopIteration ended) {
            return; // the body let GeneratorExit through, or returned: done either way
        }
        throw new RuntimeException("generator ignored GeneratorExit: its body caught it and yielded again;"
                + " a body may catch GeneratorExit to clean up, but must then return or rethrow");
    }

    /** Where the generator is in its life. */
    public final State state() {
        return state;
    }

    /** Runs one step of the body under the rules of every generator. */
    private Y step(S sent, Throwable thrown) {
        switch (state) {
            case RUNNING:
                // Python raises ValueError; here the state is wrong, not the argument.
                throw new IllegalStateException("generator already executing: it was resumed from inside its own body");
            case CLOSED:
                if (thrown != null) {
                    throw Generator.<RuntimeException>sneaky(thrown);
                }
                throw new StopIteration(null);
            default:
                break;
        }
        state = State.RUNNING;
        Y yielded;
        try {
            yielded = resume(sent, thrown);
        } catch (Throwable raised) {
            state = State.CLOSED;
            throw escaped(raised);
        }
        if (state == State.CLOSED) { // the body returned: see returned(R)
            R value = returnValue;
            returnValue = null; // a finished generator keeps nothing alive
            throw new StopIteration(value);
        }
        state = State.SUSPENDED;
        return yielded;
    }

    /**
     * Throws {@code raised} as it is, except a {@code StopIteration}: that one is returned wrapped.
     * PEP 479: an inner generator's end must not pass for this generator's own end.
     */
    private static RuntimeException escaped(Throwable raised) {
        if (raised instanceof StopIteration) {
            return new RuntimeException("generator raised StopIteration", raised);
        }
        throw Generator.<RuntimeException>sneaky(raised);
    }

    /**
     * One step of {@code yield from} (PEP 380): passes a value, an exception or a close on to
     * {@code sub}, and returns what {@code sub} yields. When {@code sub} ends, its
     * {@code StopIteration} comes out, carrying the value of the {@code yield from} expression.
     */
    protected static <Y, S> Y delegate(Generator<? extends Y, ? super S, ?> sub, S sent, Throwable thrown) {
        // BEGIN SOLUTION 4.2
        // STUB throw new UnsupportedOperationException("exercise 4.2 is not done yet: pass a value, an exception or a close on to the sub-generator");
        if (thrown instanceof GeneratorExit) {
            sub.close();
            throw (GeneratorExit) thrown;
        }
        if (thrown != null) {
            return sub.throwIn(thrown);
        }
        return sub.send(sent);
        // END SOLUTION 4.2
    }

    /**
     * The yielded values, one per {@code send(null)}, as Python's {@code for x in gen}.
     * A second loop continues the same generator; it does not restart it.
     */
    @Override
    public final Iterator<Y> iterator() {
        return new Iterator<>() {
            private Y next;
            private boolean fetched;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (!fetched && !ended) {
                    try {
                        next = send(null);
                        fetched = true;
                    } catch (StopIteration end) {
                        ended = true;
                    }
                }
                return fetched;
            }

            @Override
            public Y next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the generator has ended");
                }
                fetched = false;
                return next;
            }
        };
    }

    /**
     * A generator whose body is plain Java that pauses with {@link Yielder#yield}. The body runs on
     * a thread parked between sends ({@link ThreadGenerator}), which is safe whatever the caller holds.
     */
    public static <Y, S, R> Generator<Y, S, R> of(Body<Y, S, R> body) {
        return of("generator", body);
    }

    /** {@link #of(Body)}, named in errors and thread dumps, as Python names a generator by its function. */
    public static <Y, S, R> Generator<Y, S, R> of(String name, Body<Y, S, R> body) {
        return ThreadGenerator.create(name, ThreadKind.best(), body);
    }

    /**
     * Loads, and tries once, what {@link #continuationOrThread} makes generators of.
     * A program calls it so that this first cost falls before its clock starts.
     */
    public static void loadContinuationOrThread() {
        ContinuationGenerator.available();
    }

    /**
     * A {@link ContinuationGenerator} where the JDK's continuation is usable, else what {@link #of}
     * makes. Only for a caller that never resumes it while holding a monitor: a continuation cannot
     * pause with one held. Nothing cheap can check that, so the caller chooses (generators/README.md).
     */
    public static <Y, S, R> Generator<Y, S, R> continuationOrThread(String name, Body<Y, S, R> body) {
        if (ContinuationGenerator.available()) {
            return ContinuationGenerator.create(name, body);
        }
        return of(name, body);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + state.name().toLowerCase() + ")";
    }

    /**
     * {@link Yielder#yieldFrom} says who delegates to this generator, just before its first step.
     * A kind that can run a fresh body inside its delegator's keeps it ({@link ContinuationGenerator}).
     */
    void delegatedFrom(Yielder<?, ?> delegator) {
    }

    /** A generator's body, written in sequence as in Python: it pauses with its {@link Yielder} and returns the result. */
    @FunctionalInterface
    public interface Body<Y, S, R> {
        R run(Yielder<Y, S> yielder) throws Exception;
    }

    /** Throws any exception undeclared, so a body's checked exception reaches the caller unwrapped, as in Python. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable exception) throws T {
        throw (T) exception;
    }
}
