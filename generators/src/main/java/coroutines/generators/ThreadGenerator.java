package coroutines.generators;

import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generator whose plain Java body runs on a thread of its own, parked between sends. Java cannot
 * pause a method halfway, but a blocked thread is a paused method with its frames kept. So
 * {@code yield} hands the value to the caller and blocks until the next {@code send}.
 *
 * <p>The hand-off is strict: caller and body never run at once, so they share plain data without
 * locks. Each hand-off goes through a {@link SynchronousQueue}, whose {@code put} returns only once
 * the other side took the value.
 *
 * <p>The body sees its own thread, not the caller's. So {@link Thread#currentThread()} and a
 * {@link ThreadLocal} differ. The body cannot take a lock or monitor the caller holds: the caller
 * keeps it while it waits in {@code send}, a deadlock.
 *
 * <p>The thread is virtual where the JDK has them ({@link ThreadKind#best()}), else a platform
 * thread. It starts at the first {@code send}.
 *
 * <p>An abandoned generator would keep its thread parked forever. So a {@link Cleaner} closes it
 * once unreachable, as Python's collector does: its {@code finally} blocks run and the thread ends.
 * For that, the body must not refer to its own generator.
 */
public final class ThreadGenerator<Y, S, R> extends Generator<Y, S, R> {

    // Closes abandoned generators so that their finally blocks run and their threads end.
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong GENERATORS_MADE = new AtomicLong();
    private static final AtomicInteger LIVE_BODIES = new AtomicInteger();

    // What the body's thread and the Cleaner need lives in the baton. It never refers back here,
    // or this object could never become unreachable.
    private final Baton<Y, S, R> baton;
    private final Cleaner.Cleanable cleanable;
    private final String name;

    private ThreadGenerator(String name, ThreadKind kind, Body<Y, S, R> body) {
        this.name = name;
        this.baton = new Baton<>(name + "-" + GENERATORS_MADE.incrementAndGet(), kind, body);
        this.cleanable = CLEANER.register(this, baton::closeAbandoned);
    }

    /** A generator running {@code body} on a thread of the given kind, named {@code name-N} in thread dumps. */
    public static <Y, S, R> ThreadGenerator<Y, S, R> create(String name, ThreadKind kind, Body<Y, S, R> body) {
        return new ThreadGenerator<>(name, kind, body);
    }

    /** How many bodies are running or parked right now, over all generators of this kind. */
    public static int liveBodies() {
        return LIVE_BODIES.get();
    }

    /**
     * The CPU time the body used, since it is client work on another thread. Exact on a platform
     * thread once the body ended. The JDK does not measure a virtual thread's: there it is the
     * time run between resumes, close for a body that never blocks.
     */
    public Duration cpuTime() {
        return Duration.ofNanos(baton.cpuNanos());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Y resume(S sent, Throwable thrown) throws Throwable {
        try {
            ToCaller reply = baton.resume(sent, thrown);
            if (!reply.ended()) {
                return (Y) reply.value();
            }
            cleanable.clean(); // the body has ended: nothing is left for the Cleaner to do
            if (reply.raised() != null) {
                throw asIfRaisedByTheCaller(reply.raised());
            }
            return returned((R) reply.value());
        } finally {
            // Without the fence the JIT could find this object unreachable while the caller
            // waits, and the Cleaner would close the body under its feet.
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Makes the body's exception read as Python's traceback: the body's frames, then the caller's.
     * It keeps the frames above {@link Baton#run} and puts the caller's below, from {@code Generator.step}.
     * The trace is then the same whatever kind kept the body. An exception made elsewhere is left as it is.
     */
    private static Throwable asIfRaisedByTheCaller(Throwable raised) {
        StackTraceElement[] bodyFrames = raised.getStackTrace();
        for (int bottom = 0; bottom < bodyFrames.length; bottom++) {
            StackTraceElement frame = bodyFrames[bottom];
            if (frame.getClassName().equals(Baton.class.getName()) && frame.getMethodName().equals("run")) {
                // here[0] is this method and here[1] is resume: the kind's machinery, left out.
                StackTraceElement[] here = new Throwable().getStackTrace();
                StackTraceElement[] frames = new StackTraceElement[bottom + here.length - 2];
                System.arraycopy(bodyFrames, 0, frames, 0, bottom);
                System.arraycopy(here, 2, frames, bottom, here.length - 2);
                raised.setStackTrace(frames);
                break;
            }
        }
        return raised;
    }

    @Override
    public String toString() {
        return "generator " + name + " (" + state().name().toLowerCase() + ")";
    }

    /** What the caller hands the body: a value for the paused yield, or an exception to raise there. */
    private record ToBody(Object sent, Throwable thrown) {
    }

    /** What the body hands back: a yielded value, or its end (a return value, or what it raised). */
    private record ToCaller(Object value, Throwable raised, boolean ended) {
    }

    /** The hand-off and the body's thread: the body's side is the {@link Yielder}, the caller's {@link #resume}. */
    private static final class Baton<Y, S, R> implements Runnable, Yielder<Y, S> {
        private final SynchronousQueue<ToBody> toBody = new SynchronousQueue<>();
        private final SynchronousQueue<ToCaller> toCaller = new SynchronousQueue<>();
        private final String name;
        private final ThreadKind kind;
        private Body<Y, S, R> body;
        // Written by the caller (or the Cleaner), read by the Cleaner: volatile.
        private volatile Thread thread;
        private volatile boolean ended;
        // Written by the body's thread, read by the caller after a hand-off.
        private volatile long runningNanos;
        private volatile long threadCpuNanos = -1;
        private long resumedAt;

        Baton(String name, ThreadKind kind, Body<Y, S, R> body) {
            this.name = name;
            this.kind = kind;
            this.body = body;
        }

        /** Caller side: wakes the body (starts it, the first time) and waits for its reply. */
        ToCaller resume(Object sent, Throwable thrown) {
            if (thread == null) {
                thread = kind.newThread(this, name);
                thread.start(); // the first resume never carries a value or an exception
            } else {
                put(toBody, new ToBody(sent, thrown));
            }
            ToCaller reply = take(toCaller);
            ended = reply.ended();
            return reply;
        }

        /** Body side: the body's thread runs this, from the first send to the body's end. */
        @Override
        public void run() {
            LIVE_BODIES.incrementAndGet();
            resumedAt = System.nanoTime();
            ToCaller end;
            try {
                end = new ToCaller(body.run(this), null, true);
            } catch (Throwable raised) {
                end = new ToCaller(null, raised, true);
            }
            runningNanos += System.nanoTime() - resumedAt;
            threadCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); // -1 if not measured
            body = null; // let go of what the body captured
            LIVE_BODIES.decrementAndGet();
            put(toCaller, end);
        }

        @Override
        @SuppressWarnings("unchecked")
        public S yield(Y value) {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("yield was called on thread '" + Thread.currentThread().getName()
                        + "', outside the body of generator " + name + ": only its own body can pause it");
            }
            runningNanos += System.nanoTime() - resumedAt;
            put(toCaller, new ToCaller(value, null, false));
            ToBody next = take(toBody);
            resumedAt = System.nanoTime();
            if (next.thrown() != null) {
                throw Generator.<RuntimeException>sneaky(next.thrown());
            }
            return (S) next.sent();
        }

        long cpuNanos() {
            long cpu = threadCpuNanos;
            return cpu >= 0 ? cpu : runningNanos;
        }

        /**
         * The Cleaner's: closes a body still paused, so its thread ends. No caller is left to throw
         * to, so it prints what Python prints for a generator that misbehaves while collected.
         */
        void closeAbandoned() {
            if (thread == null || ended) {
                return;
            }
            ToCaller reply = resume(null, new GeneratorExit());
            if (!reply.ended()) {
                System.err.println("Exception ignored in generator " + name
                        + ": generator ignored GeneratorExit (its body caught it and yielded again); its thread stays parked");
            } else if (reply.raised() != null && !(reply.raised() instanceof GeneratorExit)) {
                System.err.println("Exception ignored in generator " + name + " while closing it: " + reply.raised());
            }
        }

        // The hand-off completes even if interrupted: a caller that gave up would leave the body
        // running beside it. The interrupt is kept for later.
        private static <T> void put(SynchronousQueue<T> queue, T message) {
            boolean interrupted = false;
            while (true) {
                try {
                    queue.put(message);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static <T> T take(SynchronousQueue<T> queue) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return queue.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
