package coroutines.tasks;

import static coroutines.tasks.Failures.cancelledWhileWaiting;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The article's {@code Task}: it runs a coroutine one step at a time. The coroutine is a stage 4
 * {@link Generator} that yields each {@link Future} it waits for. A step resumes it with how that
 * future ended: the result sent in, or the exception thrown in at the paused {@code yield}. The
 * coroutine runs to the next future it yields; the Task hangs its next step on that future.
 *
 * <p>A Task is itself a Future, as in asyncio: it ends with what the coroutine returns or raises.
 * {@link #cancel()} raises a {@link CancellationException} where the coroutine waits. So its
 * {@code finally} blocks run; the article's cancel raises into the caller instead.
 *
 * <p>A step runs on the thread that ends the future, here always the loop's. The body runs only
 * while the step waits for it in {@code send}. A continuation must not resume under a held monitor:
 * so neither a step nor {@link #cancel()} may run inside {@code synchronized}.
 *
 * @param <R> what the coroutine returns
 */
public final class Task<R> extends Future<R> {

    private final Generator<Future<?>, Object, R> coroutine;
    // The future the coroutine waits for now; only its done callback may wake this task. Once a
    // cancel has stopped the wait, that future's callback may still come, and is ignored.
    Future<?> waitingFor; // Repr shows it too
    // cancel() was called while the coroutine was running: raised in it at its next yield.
    private boolean cancelRequested;
    // A step is running the coroutine now. cancel() then only asks; the coroutine hears it at its next yield.
    boolean stepping;

    /**
     * Runs the coroutine up to its first {@code yield} now, as the article primes it: {@code f = Future();
     * f.set_result(None); self.step(f)}.
     */
    public Task(Generator<Future<?>, Object, R> coroutine) {
        this(coroutine, new Future<>());
        waitingFor.setResult(null); // its callback is the first step
    }

    /**
     * Starts the coroutine only when {@code start} ends: the article's priming, with a future that
     * need not have finished yet. Tasks made this way can be cancelled before their first step.
     */
    public Task(Generator<Future<?>, Object, R> coroutine, Future<?> start) {
        this.coroutine = Objects.requireNonNull(coroutine, "coroutine");
        waitFor(Objects.requireNonNull(start, "start"));
    }

    /**
     * Asks the coroutine to stop: a {@link CancellationException} is raised where it waits. That is
     * now, or at its next {@code yield} if the coroutine itself is running. The future it waited for
     * is left alone: other tasks may be waiting for it too.
     *
     * @return false if the task had already ended; true if the cancellation was delivered (the
     *         task then ends cancelled, unless the coroutine catches the exception and goes on)
     */
    @Override
    public boolean cancel() {
        // BEGIN SOLUTION 5.4
        // STUB throw new UnsupportedOperationException("exercise 5.4 is not done yet: raise a CancellationException in the coroutine where it waits");
        if (isDone()) {
            return false;
        }
        requestCancellation();
        if (!stepping) {
            step(waitingFor);
        }
        return true;
        // END SOLUTION 5.4
    }

    /**
     * Asks for a cancellation without taking a step: the task's next step raises a
     * {@link CancellationException} in the coroutine instead of how the future ended. {@link #cancel()}
     * asks here, then takes that step itself; exercise 5.3's tests ask here directly, so that
     * {@code step} can be checked before {@code cancel} is written (exercise 5.4).
     */
    void requestCancellation() {
        cancelRequested = true;
    }

    /** A Task finishes with what its coroutine returns; nobody else may set its result. */
    @Override
    public void setResult(R result) {
        throw new UnsupportedOperationException("a Task's result is what its coroutine returns: it cannot be set");
    }

    /** A Task finishes with what its coroutine raises; nobody else may set its exception. */
    @Override
    public void setException(Throwable exception) {
        throw new UnsupportedOperationException("a Task's exception is what its coroutine raises; to stop the coroutine, cancel() the task");
    }

    private void waitFor(Future<?> future) {
        waitingFor = future;
        future.addDoneCallback(this::step); // runs the step at once if the future has already ended
    }

    /** The article's {@code step}: resumes the coroutine with how {@code woke} ended, then waits for what it yields. */
    @SuppressWarnings("unchecked")
    private void step(Future<?> woke) {
        // BEGIN SOLUTION 5.3
        // STUB throw new UnsupportedOperationException("exercise 5.3 is not done yet: resume the coroutine with how the future ended, then wait for the next one");
        if (woke == null || woke != waitingFor) {
            return; // a future this task no longer waits for: its wait was cancelled
        }
        waitingFor = null;
        Future<?> next;
        stepping = true;
        try {
            if (cancelRequested) {
                cancelRequested = false;
                next = coroutine.throwIn(new CancellationException("Task.cancel() was called"));
            } else if (woke.isCancelled()) {
                next = coroutine.throwIn(cancelledWhileWaiting(woke));
            } else if (woke.failure() != null) {
                next = coroutine.throwIn(woke.failure());
            } else {
                next = coroutine.send(woke.result());
            }
        } catch (StopIteration returned) {
            super.setResult((R) returned.value());
            return;
        } catch (CancellationException cancelled) {
            endCancelled(cancelled);
            return;
        } catch (Throwable raised) {
            super.setException(raised);
            return;
        } finally {
            stepping = false;
        }
        if (next == null) {
            coroutine.close();
            super.setException(new IllegalStateException("the coroutine yielded null: a coroutine run by a Task"
                    + " yields the Future it waits for (with yielder.yield(f) or yielder.yieldFrom(f.untilDone()))"));
            return;
        }
        waitFor(next);
        if (cancelRequested && waitingFor == next) {
            step(next); // cancelled while it ran: raise it now, at the yield it has just reached
        }
        // END SOLUTION 5.3
    }
}
