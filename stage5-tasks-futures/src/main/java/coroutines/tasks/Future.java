package coroutines.tasks;

import coroutines.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The article's {@code Future}: a result that is not there yet. It starts pending and ends once,
 * finished (with a result or an exception) or cancelled. Whoever wants to know when adds a done
 * callback. A coroutine waits for it with {@code yielder.yieldFrom(future.untilDone())}, the
 * article's {@code yield from future}: it yields the future, and its {@link Task} resumes it once
 * the future has ended.
 *
 * <p>No locks, on purpose: one thread runs at a time, the loop's or a coroutine's body while the
 * loop waits for it. Where the article's code is wrong, this class does what it meant (the README's
 * errata).
 *
 * @param <T> the type of the result
 */
public class Future<T> {

    /** The article's {@code Status}. A future leaves PENDING once; FINISHED is with a result or with an exception. */
    public enum State { PENDING, FINISHED, CANCELLED }

    private State state = State.PENDING;
    private T result;
    // The exception it finished with, or the CancellationException it was cancelled with.
    private Throwable failure;
    // Emptied when the future ends: a later callback runs at once and is not kept.
    private List<Consumer<? super Future<T>>> callbacks = new ArrayList<>();

    public State state() {
        return state;
    }

    /** Finished or cancelled. */
    public boolean isDone() {
        return state != State.PENDING;
    }

    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * Calls {@code callback} with this future when it ends, or at once if it has ended already (the
     * article only appends it to the list, so a callback added too late never runs). Callbacks run
     * in the order they were added, on the thread that ends the future.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        // BEGIN SOLUTION 5.1
        // STUB throw new UnsupportedOperationException("exercise 5.1 is not done yet: keep the callback, or run it now if this future has ended");
        if (state == State.PENDING) {
            callbacks.add(callback);
        } else {
            callback.accept(this);
        }
        // END SOLUTION 5.1
    }

    /** Ends the future with a result and runs the callbacks. */
    public void setResult(T result) {
        requirePending("set the result of");
        this.result = result;
        end(State.FINISHED);
    }

    /**
     * Ends the future with an exception and runs the callbacks. The article forgets the callbacks
     * here, so a Task waiting on such a future would never be resumed.
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        // BEGIN SOLUTION 5.2
        // STUB throw new UnsupportedOperationException("exercise 5.2 is not done yet: end the future with this exception, and tell whoever waits");
        requirePending("set an exception on");
        this.failure = exception;
        end(State.FINISHED);
        // END SOLUTION 5.2
    }

    /**
     * Cancels a pending future and runs the callbacks; {@link #result()} then throws the
     * {@link CancellationException} made here, whose stack trace says who cancelled it.
     *
     * @return false, changing nothing, if the future had already ended
     */
    public boolean cancel() {
        return endCancelled(new CancellationException("Future.cancel() was called"));
    }

    /**
     * The result; or, raised here, the exception the future finished with (unchanged, checked ones
     * too, as Python raises it), or the {@link CancellationException} it was cancelled with.
     *
     * @throws IllegalStateException if the future is still pending
     */
    public T result() {
        Failures.requireDone(this, "result");
        if (failure != null) {
            throw Failures.<RuntimeException>raise(failure); // a checked one too, as itself
        }
        return result;
    }

    /**
     * The exception the future finished with, or null if it finished with a result (asyncio's
     * {@code exception()}).
     *
     * @throws CancellationException if the future was cancelled: it has neither
     * @throws IllegalStateException if the future is still pending
     */
    public Throwable exception() {
        Failures.requireDone(this, "exception");
        if (state == State.CANCELLED) {
            throw (CancellationException) failure;
        }
        return failure;
    }

    /**
     * The article's {@code __iter__}, so that a coroutine can wait with
     * {@code T result = yielder.yieldFrom(future.untilDone())}: a generator that yields this future
     * if it is pending, and then returns {@link #result()}.
     */
    public Generator<Future<?>, Object, T> untilDone() {
        return new UntilDone();
    }

    /** The exception it finished with, or the cancellation it ended with; null otherwise. */
    Throwable failure() {
        return failure;
    }

    /** Ends the future cancelled by {@code why}; false if it had already ended. */
    boolean endCancelled(CancellationException why) {
        if (state != State.PENDING) {
            return false;
        }
        failure = why;
        end(State.CANCELLED);
        return true;
    }

    /** The article's {@code for fn in self._callbacks: fn(self)}, run once the state has changed. */
    private void end(State ended) {
        state = ended;
        List<Consumer<? super Future<T>>> waiting = callbacks;
        callbacks = List.of();
        Failures.runEach(waiting, this); // one broken callback must not strand the others' waits
    }

    private void requirePending(String action) {
        if (state != State.PENDING) {
            throw new IllegalStateException("cannot " + action + " " + this + ": a future ends only once");
        }
    }

    /** As asyncio shows a future: {@code <Future pending>}, {@code <Future finished result=ok>}. */
    @Override
    public String toString() {
        return Repr.of(this);
    }

    /**
     * The article's {@code __iter__} compiled by hand, as stage 4 compiles {@code demo()}: {@code if
     * pending: yield self}, then {@code return self.result()}. The place where it paused is one boolean.
     */
    private final class UntilDone extends Generator<Future<?>, Object, T> {

        private boolean yieldedSelf;

        @Override
        protected Future<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (!yieldedSelf && !isDone()) {
                yieldedSelf = true;
                return Future.this; // yield self: the Task resumes the coroutine once this future has ended
            }
            if (thrown != null) {
                throw Failures.whereItWaits(thrown);
            }
            return returned(result()); // return self.result(): the value, or the failure raised here
        }
    }
}
