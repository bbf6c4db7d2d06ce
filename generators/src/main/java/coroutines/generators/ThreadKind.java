package coroutines.generators;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The kind of thread a {@link ThreadGenerator}'s body runs on: a platform thread (any JDK) or a
 * virtual thread (JDK 21 and newer), whose parked stack is a small object on the heap instead of
 * a thread of the operating system.
 */
public enum ThreadKind {
    /** An operating-system thread: about a megabyte of stack reserved, a kernel switch per hand-off. */
    PLATFORM,
    /** A virtual thread: a parked one costs about a kilobyte of heap; only on JDK 21 and newer. */
    VIRTUAL;

    /**
     * {@code Thread.ofVirtual().unstarted(task)}, looked up at run time. The project compiles
     * with {@code --release 17}, where that method does not exist, so calling it directly would
     * not compile; a method handle found when the class loads reaches it on JDK 21 and newer, and
     * is absent on older JDKs (or where virtual threads are still a preview, JDK 19 and 20).
     */
    private static final MethodHandle UNSTARTED_VIRTUAL_THREAD = findVirtualThreadFactory();

    /** Virtual threads where the JDK has them, else platform threads. */
    public static ThreadKind best() {
        return virtualThreadsAvailable() ? VIRTUAL : PLATFORM;
    }

    public static boolean virtualThreadsAvailable() {
        return UNSTARTED_VIRTUAL_THREAD != null;
    }

    /** A new, unstarted daemon thread of this kind (daemon: an abandoned body never keeps the JVM alive). */
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
            // No such method before JDK 19; on JDK 19 and 20 it throws unless --enable-preview.
            return null;
        }
    }
}
