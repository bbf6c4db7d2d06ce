package coroutines.generators;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generator whose body is plain sequential Java, paused the way the JDK pauses a virtual thread:
 * the body runs inside a continuation ({@code jdk.internal.vm.Continuation}), and {@code yield}
 * copies its frames off the stack to the heap and returns to {@code send}; the next {@code send}
 * copies them back and the body goes on. No second thread: the body runs on the caller's own
 * thread, inside {@code send}, as a hand-compiled frame does and as Python's generators do.
 *
 * <p>So the body shares what belongs to the caller's thread: {@link Thread#currentThread()}, its
 * {@link ThreadLocal}s, a {@link java.util.concurrent.locks.ReentrantLock} or a monitor the caller
 * holds (the body may take them again). A send round trip costs a method call into the body and
 * back plus copying the frames that changed, a few hundred nanoseconds; a paused generator is its
 * frames on the heap, several hundred bytes (stage 4's README has the measured figures).
 *
 * <p>It is an internal API of the JDK: it needs JDK 21 or newer and
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, which this project's builds give
 * on JDK 21+. Where either is missing, {@link #available()} is false, {@link #whyUnavailable()}
 * says why, and {@link Generator#continuationOrThread} makes a {@link ThreadGenerator} instead,
 * with the same rules.
 *
 * <p><b>Monitors.</b> Never call {@code send}, {@code throwIn} or {@code close} while holding a
 * monitor (inside {@code synchronized}, including an action that {@code Selector.select(Consumer)}
 * runs, which holds the selector's). The JDK enters a continuation only from a thread that holds
 * none, as a virtual thread's carrier does: if the body pauses while its caller holds one, JDK 21
 * to 23 refuse the pause ({@code yield} throws {@link IllegalStateException}, saying so), and JDK
 * 24 and newer carry the caller's lock records off with the body's frames, which crashes the JVM
 * at a later resume (SIGSEGV in {@code Thaw::thaw_slow}, seen on 25.0.3). Nothing cheap can tell
 * whether a thread holds a monitor, so this cannot be checked here; that is why
 * {@link Generator#of} makes a {@link ThreadGenerator}, and this kind is chosen only on purpose
 * ({@link Generator#continuationOrThread}). A monitor the body takes itself is another matter:
 * JDK 24 and newer let the body pause inside its own {@code synchronized} block and keep the
 * monitor while paused (the caller does not hold it; another thread that wants it waits); JDK 21
 * to 23 refuse that pause, with the same clear error. So does every JDK for a native frame
 * between the body and its {@code yield}.
 *
 * <p>An abandoned generator (dropped while paused) holds no thread, so nothing leaks if it is just
 * collected; but its {@code finally} blocks would never run. As Python does, and as
 * {@link ThreadGenerator} does, a {@link Cleaner} closes it once it is unreachable:
 * {@link GeneratorExit} is raised at the paused {@code yield} and the {@code finally} blocks run,
 * on the Cleaner's thread, since no caller is left. For that to work the body must not hold a
 * reference to its own generator.
 */
public final class ContinuationGenerator<Y, S, R> extends Generator<Y, S, R> {

    // Closes abandoned generators so that their finally blocks run, as Python's collector does.
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong GENERATORS_MADE = new AtomicLong();

    // Everything the continuation and the Cleaner need lives in the frame, which never refers back
    // to this object: otherwise this object could never become unreachable.
    private final Frame<Y, S, R> frame;
    private final Cleaner.Cleanable cleanable;

    private ContinuationGenerator(String name, Body<Y, S, R> body) {
        this.frame = new Frame<>(name, GENERATORS_MADE.incrementAndGet(), body);
        this.cleanable = CLEANER.register(this, frame::closeAbandoned);
    }

    /**
     * A generator running {@code body} in a continuation on the caller's thread.
     *
     * @throws UnsupportedOperationException where the continuation is not available (see
     *                                       {@link #whyUnavailable()}); {@link Generator#continuationOrThread}
     *                                       falls back to a thread instead
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

    @Override
    @SuppressWarnings("unchecked")
    protected Y resume(S sent, Throwable thrown) throws Throwable {
        try {
            frame.run(sent, thrown);
            if (!frame.ended) {
                return frame.takeYielded();
            }
            cleanable.clean(); // the body has ended: nothing is left for the Cleaner to do
            if (frame.raised != null) {
                throw withoutTheContinuationsFrames(frame.raised);
            }
            return returned((R) frame.returnValue);
        } finally {
            // While the body runs inside frame.run, nothing else may use this object; without the
            // fence the JIT could decide it is unreachable, and the Cleaner would close the body.
            Reference.reachabilityFence(this);
        }
    }

    /**
     * An exception raised by the body already reads as Python's traceback does: the body's frames,
     * then the caller's, since the body ran inside {@code send}. Between them are the frames that
     * enter the continuation (from {@code Frame.run} down to {@code resume}); these are left out,
     * so that the trace is the same as a {@link ThreadGenerator}'s, whatever kind kept the body.
     * An exception made elsewhere (say, thrown in by the caller) is left as it is.
     */
    private static Throwable withoutTheContinuationsFrames(Throwable raised) {
        StackTraceElement[] frames = raised.getStackTrace();
        for (int entry = 0; entry < frames.length; entry++) {
            if (isFrame(frames[entry], Frame.class, "run")) {
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
     * The body's side: the continuation that runs it, the {@link Yielder} it pauses with, and
     * the values passed across each pause (plain fields: both sides run on one thread, in turn).
     */
    private static final class Frame<Y, S, R> implements Runnable, Yielder<Y, S> {
        private final String name;
        // Which generator of that name (name-N in error messages), kept as a number: most never need the text.
        private final long number;
        private final Object continuation;
        private Body<Y, S, R> body;
        private boolean started;
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
            this.continuation = JdkContinuation.create(this);
        }

        private String numberedName() {
            return name + "-" + number;
        }

        /** Caller side: runs the body from its paused yield (or its start) to its next yield or its end. */
        void run(Object sent, Throwable thrown) {
            this.sent = sent;
            this.thrown = thrown;
            started = true;
            JdkContinuation.run(continuation);
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
            if (JdkContinuation.current() != continuation) {
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
         * Run by the Cleaner once the generator is unreachable: closes a body that is still paused,
         * so that its finally blocks run. What Python prints for a generator that misbehaves while
         * being collected, this prints too, since there is no caller left to throw to.
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
