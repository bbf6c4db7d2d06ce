package coroutines.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Plumbing, not a lesson file: how failures travel around {@link Future} and {@link Task} where the
 * article's Python needs nothing written. Done callbacks that throw are collected, so one broken
 * callback does not strand the others' waits. A checked exception is raised as itself. A coroutine
 * whose future someone else cancelled is told so with a cancellation of its own. And misuse is worded here:
 * reading a pending future, or a ready action that fails after ending its future.
 */
final class Failures {

    // The first callback's failure; later ones are attached to it as suppressed.
    private RuntimeException first;

    private void add(RuntimeException failure) {
        if (first == null) {
            first = failure;
        } else {
            first.addSuppressed(failure);
        }
    }

    private void throwFirst() {
        if (first != null) {
            throw first;
        }
    }

    /** Runs every callback, then throws the first failure: one that throws does not stop the others. */
    static <F> void runEach(List<Consumer<? super F>> callbacks, F future) {
        Failures failures = new Failures();
        for (Consumer<? super F> callback : callbacks) {
            try {
                callback.accept(future);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        failures.throwFirst();
    }

    /** Refuses to read a pending future's outcome, saying how to wait for it. */
    static void requireDone(Future<?> future, String what) {
        if (!future.isDone()) {
            // The article's message says "Result is not read"; "ready" is what it means.
            throw new IllegalStateException("the " + what + " is not ready: " + future + " is still pending;"
                    + " wait for it with yielder.yieldFrom(future.untilDone()), or add a done callback");
        }
    }

    /**
     * What a waiting coroutine raises: a cancellation, made by the Task whose stack shows nothing of the
     * coroutine, gets its trace taken again where it waits; anything else is raised as it is.
     */
    static Throwable whereItWaits(Throwable thrown) {
        if (thrown instanceof CancellationException) {
            thrown.fillInStackTrace();
            // Without this method's own frame: the trace starts in the coroutine's wait.
            StackTraceElement[] trace = thrown.getStackTrace();
            thrown.setStackTrace(Arrays.copyOfRange(trace, 1, trace.length));
        }
        return thrown;
    }

    /** A ready action failed; its future must still be pending, or the failure would be lost: a bug of the stage. */
    static void requirePendingAfter(Future<?> future, Exception failure) {
        if (future.isDone()) {
            throw new IllegalStateException("a ready action failed after it had ended its future " + future, failure);
        }
    }

    /** Throws any exception without declaring it: {@code result()} raises a checked one as itself, as Python does. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E raise(Throwable exception) throws E {
        throw (E) exception;
    }

    /**
     * What a coroutine is told when the future it waited for was cancelled by someone else: a
     * cancellation of its own, caused by the future's. Each waiter gets one, since its trace is filled
     * in where that waiter waits.
     */
    static CancellationException cancelledWhileWaiting(Future<?> cancelled) {
        CancellationException toldToTheCoroutine =
                new CancellationException("the future it waited for was cancelled: " + cancelled);
        toldToTheCoroutine.initCause(cancelled.failure());
        return toldToTheCoroutine;
    }
}
