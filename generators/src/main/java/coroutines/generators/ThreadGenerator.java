package coroutines.generators;

import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generator whose body is plain sequential Java, paused by keeping it on a thread of its own
 * that is parked between sends. Java cannot pause a method halfway and resume it later, but a
 * blocked thread is exactly a paused method with its frames kept: so {@code yield} hands the
 * value to the caller and blocks the body's thread until the next {@code send}.
 *
 * <p>The hand-off is strict: the caller blocks while the body runs, and the body blocks while
 * the caller runs, so the two never run at once and need no lock to share plain data. Each
 * hand-off goes through a {@link SynchronousQueue}, which has no room to hold a value: a
 * {@code put} returns only once the other side has taken it, so the body never runs ahead of the
 * caller, and everything the caller wrote before {@code send} is visible to the body.
 *
 * <p>But the body does not run on the caller's thread, and what belongs to a thread differs
 * (a hand-compiled frame, which does run on the caller's thread, shares all of it):
 * <ul>
 * <li>{@link Thread#currentThread()} is the body's own thread, not the caller's;
 * <li>a {@link ThreadLocal} the caller set is not seen by the body (it sees its own thread's value);
 * <li>a lock the caller holds, such as a {@link java.util.concurrent.locks.ReentrantLock}, is not
 *     held by the body: the body cannot take it, since the caller keeps it while it waits in
 *     {@code send}; {@code lock()} there would wait forever;
 * <li>the same for a monitor: {@code synchronized} on one the caller holds is a deadlock (the body
 *     waits for the caller to leave it, the caller waits in {@code send} for the body).
 * </ul>
 *
 * <p>On JDK 21 and newer the thread is a virtual thread ({@link ThreadKind#best()}): parked, it
 * is a small object on the heap. On JDK 17 it is a platform thread, parked in the kernel with
 * its stack reserved. The body's thread starts at the first {@code send}, not before.
 *
 * <p>An abandoned generator (dropped while paused, never finished or closed) would keep its
 * thread parked forever. A {@link Cleaner} notices when the generator becomes unreachable and
 * closes it as Python's garbage collector does: it raises {@link GeneratorExit} at the paused
 * {@code yield}, the body's {@code finally} blocks run, and the thread ends. For that to work the
 * body must not hold a reference to its own generator (the body's thread keeps it reachable).
 * A hand-compiled frame has no such cleaner: abandoned mid-body, it is simply collected, and its
 * {@code finally} never runs (it holds no thread, so nothing leaks but what the finally would
 * have released); close a frame to run it.
 */
public final class ThreadGenerator<Y, S, R> extends Generator<Y, S, R> {

    // Closes abandoned generators so that their finally blocks run and their threads end. Frames
    // need none (nothing parked), and get none: an abandoned frame's finally never runs.
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong GENERATORS_MADE = new AtomicLong();
    private static final AtomicInteger LIVE_BODIES = new AtomicInteger();

    // Everything the body's thread and the Cleaner need lives in the baton, which never refers
    // back to this object: otherwise this object could never become unreachable.
    private final Baton<Y, S, R> baton;
    private final Cleaner.Cleanable cleanable;
    private final String name;

    private ThreadGenerator(String name, ThreadKind kind, Body<Y, S, R> body) {
        this.name = name;
        this.baton = new Baton<>(name + "-" + GENERATORS_MADE.incrementAndGet(), kind, body);
        this.cleanable = CLEANER.register(this, baton::closeAbandoned);
    }

    /**
     * A generator running {@code body} on a thread of the given kind, named {@code name-N}
     * (the name shows in thread dumps and in the stages' event records).
     */
    public static <Y, S, R> ThreadGenerator<Y, S, R> create(String name, ThreadKind kind, Body<Y, S, R> body) {
        return new ThreadGenerator<>(name, kind, body);
    }

    /** How many bodies are running or parked right now, over all generators of this kind. */
    public static int liveBodies() {
        return LIVE_BODIES.get();
    }

    /**
     * The CPU time the body has used, for a run's accounting (the body's work is client work,
     * on another thread). Exact once the body has ended on a platform thread. The JDK does not
     * measure a virtual thread's CPU time (it answers -1), so there it is the time the body ran
     * between being resumed and pausing again: for a body that never blocks, as the four-host
     * requests do not, that is close to its CPU time.
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
            // While the caller waits in baton.resume, nothing else may use this object; without
            // the fence the JIT could decide it is unreachable, and the Cleaner would close the
            // body under the caller's feet.
            Reference.reachabilityFence(this);
        }
    }

    /**
     * An exception raised by the body carries the stack of the body's thread: the body's frames,
     * then the thread's machinery below them (which differs between platform and virtual
     * threads). Python's traceback reads as if the body had run inside {@code send}: the body's
     * frames, then the caller's. This makes the trace read the same way, by keeping the frames
     * above {@link Baton#run} and putting the caller's frames from {@code Generator.step} down
     * below them: the same trace as a {@link ContinuationGenerator}'s, whatever kind kept the
     * body. An exception made elsewhere (say, thrown in by the caller) is left as it is.
     */
    private static Throwable asIfRaisedByTheCaller(Throwable raised) {
        StackTraceElement[] bodyFrames = raised.getStackTrace();
        for (int bottom = 0; bottom < bodyFrames.length; bottom++) {
            StackTraceElement frame = bodyFrames[bottom];
            if (frame.getClassName().equals(Baton.class.getName()) && frame.getMethodName().equals("run")) {
                // here[0] is this method and here[1] is resume, the kind's own machinery: left out.
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

    /**
     * The two ends of the hand-off and the body's thread: the body side implements
     * {@link Yielder}, the caller side {@link #resume}.
     */
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
         * Run by the Cleaner once the generator is unreachable: closes a body that is still
         * paused, so that its thread ends. What Python prints for a generator that misbehaves
         * while being collected, this prints too, since there is no caller left to throw to.
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

        // The hand-off must complete even if a thread is interrupted: a caller that gave up
        // halfway would leave the body running beside it. The interrupt is kept for later.
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
