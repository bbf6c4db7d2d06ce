package coroutines.generators;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The kind of thread a {@link ThreadGenerator}'s body runs on. A virtual thread (JDK 21+) parks
 * as a small heap object; a platform thread, in the kernel.
 */
public enum ThreadKind {
    /** An operating-system thread: a reserved stack, a kernel switch per hand-off. */
    PLATFORM,
    /** A virtual thread, JDK 21+: a parked one is a small object on the heap. */
    VIRTUAL;

    /**
     * {@code Thread.ofVirtual().unstarted(task)}, found at run time: {@code --release 17} has no
     * such method. Null where the JDK has no virtual threads, or only as a preview.
     */
    private static final MethodHandle UNSTARTED_VIRTUAL_THREAD = findVirtualThreadFactory();

    /** Virtual threads where the JDK has them, else platform threads. */
    public static ThreadKind best() {
        return virtualThreadsAvailable() ? VIRTUAL : PLATFORM;
    }

    public static boolean virtualThreadsAvailable() {
        return UNSTARTED_VIRTUAL_THREAD != null;
    }

    /** A new, unstarted daemon thread of this kind: an abandoned body never keeps the JVM alive. */
    Thread newThread(Runnable task, String name) {
        Thread thread;
        if (this == PLATFORM) {
            thread = new Thread(task);
            thread.setDaemon(true);
        } else if (UNSTARTED_VIRTUAL_THREAD == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or newer; this is Java "
                    + Runtime.version() + ": use ThreadKind.PLATFORM or ThreadKind.best()");
        } else {
            thread = invoke(task); // virtual threads are always daemons
        }
        thread.setName(name);
        return thread;
    }

    private static Thread invoke(Runnable task) {
        try {
            return (Thread) UNSTARTED_VIRTUAL_THREAD.invoke(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) { // the method declares no checked exception
            throw new IllegalStateException(impossible);
        }
    }

    private static MethodHandle findVirtualThreadFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle newBuilder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            // (Runnable) -> Thread: unstarted(ofVirtual(), task)
            MethodHandle factory = MethodHandles.collectArguments(
                    unstarted.asType(MethodType.methodType(Thread.class, ofVirtual, Runnable.class)), 0, newBuilder);
            Thread probe = (Thread) factory.invoke((Runnable) () -> { });
            return probe == null ? null : factory;
        } catch (Throwable absentOrPreview) {
            // Absent before JDK 19; a preview, which throws, on 19 and 20.
            return null;
        }
    }
}
