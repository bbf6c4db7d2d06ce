package coroutines.generators;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The bodies of {@link GeneratorRules} compiled by hand into frames, the way stage 4's
 * {@code DemoFrame} compiles the article's demo(): locals as fields, the paused yield as
 * {@code resumeAt}, an exception thrown in raised where the body paused. Stage 4 teaches its own
 * {@code CountFrame} and {@code YieldFromFrame}; these are the library's, so that it tests itself.
 */
final class HandCompiledFrames {

    private HandCompiledFrames() {
    }

    /** <pre>for i in range(n): yield i</pre> */
    static final class Count extends Generator<Integer, Object, Void> {
        private final int n;
        private int next;                                    // i, as the value to yield next
        private boolean started;

        Count(int n) {
            this.n = n;
        }

        @Override
        protected Integer resume(Object sent, Throwable thrown) throws Throwable {
            if (started && thrown != null) {
                throw thrown;                                // raised at "yield i"
            }
            started = true;
            if (next < n) {
                return next++;                               // yield i
            }
            return returned(null);                           // past the range: return None
        }
    }

    /** <pre>result = yield from sub; return result</pre>: one delegate step per resume. */
    static final class YieldFrom<Y, S, R> extends Generator<Y, S, R> {
        private final Generator<Y, S, R> sub;

        YieldFrom(Generator<Y, S, R> sub) {
            this.sub = sub;
        }

        @Override
        protected Y resume(S sent, Throwable thrown) {
            try {
                return delegate(sub, sent, thrown);
            } catch (StopIteration subEnded) {
                @SuppressWarnings("unchecked")
                R result = (R) subEnded.value();
                return returned(result);
            }
        }
    }

    /** <pre>yield look()</pre> */
    static final class YieldWhatItSees<T> extends Generator<T, Object, Void> {
        private final Callable<T> look;
        private boolean yielded;

        YieldWhatItSees(Callable<T> look) {
            this.look = look;
        }

        @Override
        protected T resume(Object sent, Throwable thrown) throws Throwable {
            if (!yielded) {
                yielded = true;
                return look.call();
            }
            if (thrown != null) {
                throw thrown;
            }
            return returned(null);
        }
    }

    /** <pre>return look()</pre> (a generator that ends at its first send) */
    static final class ReturnWhatItSees<T> extends Generator<Object, Object, T> {
        private final Callable<T> look;

        ReturnWhatItSees(Callable<T> look) {
            this.look = look;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            return returned(look.call()); // never resumed again: only the first send reaches the body
        }
    }

    static final class Echo extends Generator<String, String, String> {
        private int resumeAt;

        @Override
        protected String resume(String received, Throwable thrown) throws Throwable {
            if (resumeAt == 0) {
                resumeAt = 1;
                return "ready";                              // received = yield 'ready'
            }
            if (thrown != null) {
                throw thrown;
            }
            if (received.equals("stop")) {                   // while received != 'stop':
                return returned("stopped");
            }
            return "got " + received;                        // received = yield 'got ' + received
        }
    }

    static final class Guarded extends Generator<Integer, Object, Void> {
        private final List<String> log;
        private int resumeAt;

        Guarded(List<String> log) {
            this.log = log;
        }

        @Override
        protected Integer resume(Object sent, Throwable thrown) throws Throwable {
            // try: ... finally: the finally block runs on every way out of the try, by hand.
            try {
                switch (resumeAt) {
                    case 0:
                        resumeAt = 1;
                        return 1;                            // yield 1 (inside try: finally waits)
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        resumeAt = 2;
                        return 2;                            // yield 2
                    default:
                        if (thrown != null) {
                            throw thrown;
                        }
                        resumeAt = -1;                       // leaving the try normally
                        return returned(null);
                }
            } finally {
                if (resumeAt < 0 || thrown != null) {        // not paused at a yield: the try is left
                    log.add("finally ran");
                }
            }
        }
    }

    /**
     * <pre>
     * try: yield first
     * except CAUGHT as e: yield afterwards(e)
     * </pre>
     */
    static final class CatchOnce extends Generator<String, Object, Void> {
        private final String first;
        private final Class<? extends Throwable> caught;
        private final Function<Throwable, String> afterwards;
        private int resumeAt;

        CatchOnce(String first, Class<? extends Throwable> caught, Function<Throwable, String> afterwards) {
            this.first = first;
            this.caught = caught;
            this.afterwards = afterwards;
        }

        @Override
        protected String resume(Object sent, Throwable thrown) throws Throwable {
            if (resumeAt == 0) {
                resumeAt = 1;
                return first;                                // try: yield first
            }
            if (resumeAt == 1 && caught.isInstance(thrown)) {  // except CAUGHT as e:
                resumeAt = 2;
                return afterwards.apply(thrown);             // yield afterwards(e)
            }
            if (thrown != null) {
                throw thrown;
            }
            return returned(null);
        }
    }

    static final class LeakingStopIteration extends Generator<String, Object, Void> {
        private int resumeAt;

        @Override
        protected String resume(Object sent, Throwable thrown) throws Throwable {
            if (resumeAt == 0) {
                resumeAt = 1;
                return "before";                             // yield 'before'
            }
            if (thrown != null) {
                throw thrown;
            }
            new Count(0).send(null);                         // next(counter(0)): StopIteration escapes
            return returned(null);
        }
    }

    static final class Reentering extends Generator<Object, Object, Void> {
        private final AtomicReference<Generator<Object, Object, Void>> self;

        Reentering(AtomicReference<Generator<Object, Object, Void>> self) {
            this.self = self;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) {
            return self.get().send(null);                    // yield next(self)
        }
    }
}
