package coroutines.generators;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generator whose plain Java body is paused the way the JDK pauses a virtual thread: inside a
 * continuation ({@code jdk.internal.vm.Continuation}). {@code yield} copies the body's frames to
 * the heap and returns to {@code send}; the next {@code send} copies them back. No second thread:
 * the body runs inside {@code send}, on the caller's thread, as Python's generators do.
 *
 * <p>So the body shares the caller's thread, its {@link ThreadLocal}s and the locks it holds.
 *
 * <p>It is the JDK's internal API: it needs JDK 21+ and the {@code --add-exports} the builds give.
 * Elsewhere {@link #whyUnavailable()} says why, and {@link Generator#continuationOrThread} makes a
 * {@link ThreadGenerator} instead.
 *
 * <p>Never resume it while holding a monitor: the JDK cannot move a continuation off a thread
 * that holds one. Nothing cheap can check that, so this kind is only chosen on purpose. Which JDK
 * does what is told in generators/README.md.
 *
 * <p>An abandoned generator holds no thread, but its {@code finally} blocks would never run.
 * So, as in Python, a {@link Cleaner} closes it once unreachable, if the body does not refer to it.
 *
 * <p>A generator that {@link Yielder#yieldFrom} starts runs its body inside its delegator's, with
 * no continuation of its own: it pauses through the delegator's {@code yield}, which is what
 * PEP 380 makes of every pause of the sub anyway. A chain of such coroutines then costs one
 * continuation instead of one each. Only that yieldFrom may resume it; anyone else finds it running.
 */
public final class ContinuationGenerator<Y, S, R> extends Generator<Y, S, R> {

    // Closes abandoned generators so that their finally blocks run, as Python's collector does.
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong GENERATORS_MADE = new AtomicLong();
    // Fewer than generators: a body run inside its delegator's needs none (continuationsMade).
    private static final AtomicLong CONTINUATIONS_MADE = new AtomicLong();

    // What the continuation and the Cleaner need lives in the frame. It never refers back here,
    // or this object could never become unreachable.
    private final Frame<Y, S, R> frame;
    // Registered when the body starts in a continuation of its own; one run inside its delegator's needs none.
    private Cleaner.Cleanable cleanable;

    private ContinuationGenerator(String name, Body<Y, S, R> body) {
        this.frame = new Frame<>(name, GENERATORS_MADE.incrementAndGet(), body);
    }

    /**
     * A generator running {@code body} in a continuation on the caller's thread.
     *
     * @throws UnsupportedOperationException where the continuation is not available ({@link #whyUnavailable()})
     */
    public static <Y, S, R> ContinuationGenerator<Y, S, R> create(String name, Body<Y, S, R> body) {
        if (!available()) {
            throw new UnsupportedOperationException(whyUnavailable()
                    + "; Generator.continuationOrThread(name, body) falls back to a thread instead");
        }
        return new ContinuationGenerator<>(name, body);
    }

    /** True where this JDK's continuation can be used: JDK 21 or newer, with its package exported. */
    public static boolean available() {
        return JdkContinuation.available();
    }

    /** Why the continuation cannot be used here, and what to do about it; {@code null} where it can. */
    public static String whyUnavailable() {
        return JdkContinuation.UNAVAILABLE;
    }

    /** How many continuations generators of this kind have made, in this JVM. */
    static long continuationsMade() {
        return CONTINUATIONS_MADE.get();
    }

    @Override
    void delegatedFrom(Yielder<?, ?> delegator) {
        if (state() == State.CREATED) {
            frame.delegator = delegator;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Y resume(S sent, Throwable thrown) throws Throwable {
        if (!frame.started && frame.delegator != null) {
            return resumeInsideTheDelegator();
        }
        if (cleanable == null) {
            cleanable = CLEANER.register(this, frame::closeAbandoned);
        }
        try {
            frame.run(sent, thrown);
            if (!frame.ended) {
                return frame.takeYielded();
            }
            cleanable.clean(); // the body has ended: nothing is left for the Cleaner to do
            if (frame.raised != null) {
                throw withoutTheFramesBetween(frame.raised, "run");
            }
            return returned((R) frame.returnValue);
        } finally {
            // Without the fence the JIT could find this object unreachable while the body runs,
            // and the Cleaner would close it.
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The first step of a {@code yieldFrom} on this fresh generator: the body runs here, and returns
     * only at its end. Meanwhile it pauses through the delegator's yield, the delegator's continuation with it.
     */
    @SuppressWarnings("unchecked")
    private Y resumeInsideTheDelegator() throws Throwable {
        try {
            return returned((R) frame.runInside());
        } catch (Throwable raised) {
            throw withoutTheFramesBetween(raised, "runInside");
        }
    }

    /**
     * Leaves out the frames that enter the body, {@code Frame.run} (or {@code runInside}) down to
     * {@code resume}. The trace then reads as Python's, and as a {@link ThreadGenerator}'s: body,
     * then caller. An exception made elsewhere is left as it is.
     */
    private static Throwable withoutTheFramesBetween(Throwable raised, String entryMethod) {
        StackTraceElement[] frames = raised.getStackTrace();
        for (int entry = 0; entry < frames.length; entry++) {
            if (isFrame(frames[entry], Frame.class, entryMethod)) {
                for (int exit = entry; exit < frames.length; exit++) {
                    if (isFrame(frames[exit], ContinuationGenerator.class, "resume")) {
                        StackTraceElement[] kept = new StackTraceElement[frames.length - (exit - entry + 1)];
                        System.arraycopy(frames, 0, kept, 0, entry);
                        System.arraycopy(frames, exit + 1, kept, entry, frames.length - exit - 1);
                        raised.setStackTrace(kept);
                        return raised;
                    }
                }
                return raised;
            }
        }
        return raised;
    }

    private static boolean isFrame(StackTraceElement frame, Class<?> declaring, String method) {
        return frame.getClassName().equals(declaring.getName()) && frame.getMethodName().equals(method);
    }

    @Override
    public String toString() {
        return "generator " + frame.name + " (" + state().name().toLowerCase() + ")";
    }

    /**
     * The body's side: its continuation, the {@link Yielder} it pauses with, and the values passed
     * across each pause. Plain fields: both sides run on one thread, in turn.
     */
    private static final class Frame<Y, S, R> implements Runnable, Yielder<Y, S> {
        private final String name;
        // Which generator of that name (name-N in errors); a number, since most never need the text.
        private final long number;
        // Made at the first run, so that a body run inside its delegator's makes none.
        private Object continuation;
        private Body<Y, S, R> body;
        private boolean started;
        // Whose yield the body pauses through while it runs inside its delegator (set by yieldFrom).
        private Yielder<?, ?> delegator;
        private boolean inside;
        // The close that reached the body inside its delegator; a return afterwards still ends the delegator.
        private GeneratorExit closedWith;
        // Caller to body: the value for the paused yield, or an exception to raise there.
        private Object sent;
        private Throwable thrown;
        // Body to caller: what it yielded, or its end.
        private Object yielded;
        private boolean ended;
        private Object returnValue;
        private Throwable raised;

        Frame(String name, long number, Body<Y, S, R> body) {
            this.name = name;
            this.number = number;
            this.body = body;
        }

        private String numberedName() {
            return name + "-" + number;
        }

        /** Caller side: runs the body from its paused yield (or its start) to its next yield or its end. */
        void run(Object sent, Throwable thrown) {
            this.sent = sent;
            this.thrown = thrown;
            if (continuation == null) {
                continuation = JdkContinuation.create(this);
                CONTINUATIONS_MADE.incrementAndGet();
            }
            started = true;
            JdkContinuation.run(continuation);
        }

        /** Inside the delegator's frame: the body, from the first send to its end. */
        Object runInside() throws Throwable {
            started = true;
            inside = true;
            Body<Y, S, R> running = body;
            body = null; // let go of what the body captured, once it ends
            try {
                Object value = running.run(this);
                if (closedWith != null) {
                    throw closedWith; // PEP 380: closing the sub goes on to close its delegator
                }
                return value;
            } finally {
                inside = false;
                ended = true;
                delegator = null;
            }
        }

        @SuppressWarnings("unchecked")
        Y takeYielded() {
            Y value = (Y) yielded;
            yielded = null;
            return value;
        }

        /** Inside the continuation: the body, from the first send to its end. */
        @Override
        public void run() {
            try {
                returnValue = body.run(this);
            } catch (Throwable e) {
                raised = e;
            }
            body = null; // let go of what the body captured
            ended = true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public S yield(Y value) {
            if (inside) {
                return yieldThroughTheDelegator(value);
            }
            if (continuation == null || JdkContinuation.current() != continuation) {
                throw new IllegalStateException("yield was called outside the body of generator " + numberedName()
                        + " (on thread '" + Thread.currentThread().getName() + "'): only its own body can pause it");
            }
            yielded = value;
            try {
                JdkContinuation.yieldContinuation();
            } catch (IllegalStateException pinned) {
                yielded = null;
                throw cannotPause(pinned);
            }
            Throwable raiseHere = thrown;
            S received = (S) sent;
            thrown = null;
            sent = null;
            if (raiseHere != null) {
                throw Generator.<RuntimeException>sneaky(raiseHere);
            }
            return received;
        }

        /** A pause of the delegator is this body's pause too: what comes in is for this body. */
        @SuppressWarnings("unchecked")
        private S yieldThroughTheDelegator(Y value) {
            if (closedWith != null) {
                throw new RuntimeException("generator ignored GeneratorExit: " + numberedName()
                        + " caught it and yielded again; a body may catch GeneratorExit to clean up, but must then return or rethrow");
            }
            try {
                return ((Yielder<Y, S>) delegator).yield(value);
            } catch (GeneratorExit exit) {
                closedWith = exit;
                throw exit;
            }
        }

        /** The JDK's "Pinned: REASON", said so that the body's author knows what to change. */
        private IllegalStateException cannotPause(IllegalStateException pinned) {
            String message = String.valueOf(pinned.getMessage());
            String why;
            if (message.contains("MONITOR")) {
                why = "a monitor is held, by its body or by the code that called send (a synchronized block or method,"
                        + " or an action run by Selector.select(Consumer)), and on Java " + Runtime.version()
                        + " a continuation cannot leave the thread with one. Leave the synchronized block before"
                        + " yielding or sending, use a java.util.concurrent.locks.ReentrantLock, or use Generator.of";
            } else if (message.contains("NATIVE")) {
                why = "a native method is on the stack between the body and this yield; call yield from plain Java code";
            } else if (message.contains("CRITICAL_SECTION")) {
                why = "the JDK is in a critical section where a continuation may not pause";
            } else {
                return pinned;
            }
            return new IllegalStateException("generator " + numberedName() + " cannot pause here: " + why, pinned);
        }

        /**
         * The Cleaner's: closes a body still paused, so its finally blocks run. No caller is left to
         * throw to, so it prints what Python prints for a generator that misbehaves while collected.
         */
        void closeAbandoned() {
            if (!started || ended) {
                return;
            }
            run(null, new GeneratorExit());
            if (!ended) {
                System.err.println("Exception ignored in generator " + numberedName()
                        + ": generator ignored GeneratorExit (its body caught it and yielded again)");
            } else if (raised != null && !(raised instanceof GeneratorExit)) {
                System.err.println("Exception ignored in generator " + numberedName() + " while closing it: " + raised);
            }
        }
    }
}
