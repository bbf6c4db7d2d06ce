package coroutines.generators;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A generator with Python's semantics: it yields values of type {@code Y} out, receives values
 * of type {@code S} in through {@link #send}, and ends by returning an {@code R}, which reaches
 * the caller inside a {@link StopIteration}.
 *
 * <p>This class keeps the rules that every generator obeys, whatever keeps its paused frame:
 * the first send must be {@code null}, a finished generator only raises {@code StopIteration},
 * a generator cannot be resumed while it runs, {@link #close} raises {@link GeneratorExit} at
 * the paused point, a {@code StopIteration} escaping the body becomes an error (PEP 479). A
 * subclass only says how to run the body from where it paused to the next {@code yield}
 * ({@link #resume}). There are three kinds: frames compiled by hand (a subclass whose fields are
 * the locals, such as stage 4's {@code DemoFrame}), which run on the caller's thread;
 * {@link ThreadGenerator}, whose body is ordinary Java code on a thread of its own; and
 * {@link ContinuationGenerator}, whose body is ordinary Java code kept in the JDK's own
 * continuation, on the caller's thread ({@link #of} makes the second, {@link #continuationOrThread}
 * the third where it can).
 *
 * <p>Exceptions pass through unchanged, checked ones too, as in Python: whatever the body
 * throws, {@code send}, {@code throwIn} and {@code close} throw, the same object with its stack
 * trace; so a caller of a body that does I/O catches {@code Exception}. A generator is not
 * meant to be shared between threads: one caller at a time, as in Python.
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

    // volatile because a ThreadGenerator's body reads it from its own thread (to refuse re-entry).
    private volatile State state = State.CREATED;
    private R returnValue;

    /**
     * Runs the body from where it paused up to its next {@code yield}, and returns the yielded
     * value; or, if the body returns, calls {@link #returned} and returns what that returns.
     * This is the only thing a kind of generator has to provide.
     *
     * @param sent   the value for the paused {@code yield} expression ({@code null} on the first call)
     * @param thrown if not {@code null}, raise this at the paused {@code yield} instead of returning
     *               {@code sent} from it; never set on the first call
     */
    protected abstract Y resume(S sent, Throwable thrown) throws Throwable;

    /**
     * Called when the body ends normally (the subclass calls this from {@link #resume} with
     * the body's return value): the generator then ends with a {@code StopIteration} carrying
     * it. Returns {@code null} so that a frame can write {@code return returned(value);}.
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
     * @throws StopIteration            when the body returns (carrying the return value), and on
     *                                  every send after that
     * @throws IllegalArgumentException if {@code value} is not {@code null} and the body has not
     *                                  started: there is no paused {@code yield} to receive it yet
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
     * Raises {@code exception} at the paused {@code yield} (Python's {@code gen.throw(exception)}):
     * if the body catches it and yields again, that value is returned; if not, it comes back
     * out of this call. Thrown into a generator that has not started, it ends the generator
     * without running the body, as if raised at its first line: so a {@code StopIteration} comes
     * out as {@code RuntimeException("generator raised StopIteration")}, as it would from a running
     * body (PEP 479; CPython 3.7+ does the same). Thrown into a finished one, it is simply thrown back.
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
     * Stops the generator: raises {@link GeneratorExit} at the paused {@code yield}, so that its
     * {@code finally} blocks and try-with-resources run. Does nothing to a generator that is
     * finished or never started.
     *
     * @throws RuntimeException "generator ignored GeneratorExit" if the body yields again
     *                          instead of ending (it stays suspended, as in Python)
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
            return; // the body let GeneratorExit through, or returned: either way it is done
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
                // Python raises ValueError; the state, not the argument, is what is wrong.
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
     * What the caller gets when {@code raised} leaves the body: the same object (thrown from
     * here, so that a checked one needs no wrapping), except a {@code StopIteration}, which is
     * returned wrapped for the caller to throw. PEP 479: a StopIteration from inside the body (say, an inner
     * generator that ran out, or one thrown in) must not look like this generator's own end; it
     * is a bug, and says so, with the StopIteration as the cause.
     */
    private static RuntimeException escaped(Throwable raised) {
        if (raised instanceof StopIteration) {
            return new RuntimeException("generator raised StopIteration", raised);
        }
        throw Generator.<RuntimeException>sneaky(raised);
    }

    /**
     * One step of {@code yield from} (PEP 380), for a generator delegating to {@code sub}: passes
     * on what the delegating generator received (a value, an exception, or {@code GeneratorExit},
     * which closes {@code sub}) and returns what {@code sub} yields. When {@code sub} ends, its
     * {@code StopIteration} comes out of this method carrying its return value: the value of the
     * {@code yield from} expression.
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
     * The yielded values, one per {@code send(null)}, until the generator ends: what Python's
     * {@code for x in gen} does. Iterating twice continues the same generator; it does not restart it.
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
     * A generator whose body is ordinary Java code: it calls {@link Yielder#yield} to pause. The
     * body runs on a thread of its own that is parked between sends (a virtual thread on JDK 21
     * and newer, a platform thread before); see {@link ThreadGenerator}. Safe whatever the caller
     * holds. For the faster kind on the caller's own thread, see {@link #continuationOrThread}.
     */
    public static <Y, S, R> Generator<Y, S, R> of(Body<Y, S, R> body) {
        return of("generator", body);
    }

    /** {@link #of(Body)}, with a name for {@code toString}, errors and the body's thread (Python shows a generator's function name). */
    public static <Y, S, R> Generator<Y, S, R> of(String name, Body<Y, S, R> body) {
        return ThreadGenerator.create(name, ThreadKind.best(), body);
    }

    /**
     * Loads what {@link #continuationOrThread} makes its generators of and, where it is the JDK's
     * continuation, pauses and resumes one once, so that the first generator does not pay for it (on a
     * cold JVM, more than ten milliseconds): for a program that wants that cost before its clock starts.
     */
    public static void loadContinuationOrThread() {
        ContinuationGenerator.available();
    }

    /**
     * The best kind this JDK offers, for a caller that never calls {@code send}, {@code throwIn}
     * or {@code close} while it holds a monitor (inside {@code synchronized}, such as an action run
     * by {@code Selector.select(Consumer)}):
     * <ol>
     * <li>a {@link ContinuationGenerator} where the JDK's own continuation is usable (JDK 21+, with
     *     {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, which the builds give): the body
     *     runs on the caller's thread, a send costs a few hundred nanoseconds even on a loaded machine,
     *     a paused one about 700 bytes;
     * <li>else what {@link #of} makes: a virtual thread (from 0.4 µs per send on an idle machine to
     *     tens of µs on a loaded one, 1 to 2 KB paused), or on JDK 17 to 20 a platform thread.
     * </ol>
     * Why the condition: a continuation must be entered with no monitor held on the thread. If
     * the body pauses while its caller holds one, JDK 21 to 23 refuse the pause (the
     * {@code yield} throws), and JDK 24 and newer take the caller's lock records along with the
     * body's frames and crash the JVM later (seen on 25.0.3). No API tells cheaply whether a
     * thread holds a monitor, so {@link #of} does not choose the continuation: a caller must.
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
     * The code of a generator written in sequence, as in Python: it receives a {@link Yielder}
     * to pause with, and its return value becomes the generator's.
     */
    @FunctionalInterface
    public interface Body<Y, S, R> {
        R run(Yielder<Y, S> yielder) throws Exception;
    }

    /**
     * Throws any exception without declaring it, so that a checked exception from a body
     * reaches the caller as itself, not wrapped (Python has no checked exceptions to honour).
     */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable exception) throws T {
        throw (T) exception;
    }
}
