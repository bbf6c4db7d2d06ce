package coroutines.tasks;

import java.util.concurrent.CancellationException;

/**
 * Plumbing, not a lesson file: how failures travel around {@link Future} and {@link Task} where the
 * article's Python needs nothing written. Done callbacks that throw are collected, so one broken
 * callback does not strand the others' waits. A checked exception is raised as itself. A coroutine
 * whose future someone else cancelled is told so with a cancellation of its own.
 */
final class Failures {

    // The first callback's failure; later ones are attached to it as suppressed.
    private RuntimeException first;

    void add(RuntimeException failure) {
        if (first == null) {
            first = failure;
        } else {
            first.addSuppressed(failure);
        }
    }

    void throwFirst() {
        if (first != null) {
            throw first;
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
