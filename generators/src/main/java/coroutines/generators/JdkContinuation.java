package coroutines.generators;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own continuation, {@code jdk.internal.vm.Continuation}, reached through method handles.
 * It is what a virtual thread is made of: frames that can leave their thread ({@code yield}) and
 * come back ({@code run}).
 *
 * <p>The project compiles with {@code --release 17}, where the class does not exist: so nothing
 * here names it. Without JDK 21+ and {@link #EXPORT_FLAG}, {@link #UNAVAILABLE} says why.
 */
final class JdkContinuation {

    /** The flag that opens the package to the class path; the builds give it on JDK 21 and newer. */
    static final String EXPORT_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    // (Runnable) -> Continuation, in the one scope of every generator. A yield leaves only the
    // innermost continuation, so nested generators work.
    private static final MethodHandle NEW;
    // (Continuation) -> void: runs it from where it yielded, or its start, to its next yield or end.
    private static final MethodHandle RUN;
    // () -> boolean: Continuation.yield(scope), the pause itself.
    private static final MethodHandle YIELD;
    // () -> Continuation: the innermost continuation of the scope running on this thread, or null.
    private static final MethodHandle CURRENT;

    /** Why the continuation cannot be used here, or {@code null} when it can. */
    static final String UNAVAILABLE;

    static {
        MethodHandle made = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        MethodHandle current = null;
        String unavailable = null;
        if (Runtime.version().feature() < 21) {
            unavailable = "the JDK's continuation needs JDK 21 or newer; this is Java " + Runtime.version();
        } else {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                Object scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                        .invoke("coroutines.generators");
                made = MethodHandles.insertArguments(lookup.findConstructor(continuation,
                                MethodType.methodType(void.class, scopeClass, Runnable.class)), 0, scope)
                        .asType(MethodType.methodType(Object.class, Runnable.class));
                run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                yield = MethodHandles.insertArguments(lookup.findStatic(continuation, "yield",
                        MethodType.methodType(boolean.class, scopeClass)), 0, scope);
                current = MethodHandles.insertArguments(lookup.findStatic(continuation, "getCurrentContinuation",
                                MethodType.methodType(continuation, scopeClass)), 0, scope)
                        .asType(MethodType.methodType(Object.class));
                unavailable = probe(made, run, yield);
            } catch (IllegalAccessException notExported) {
                unavailable = "the JDK's continuation is in java.base's package jdk.internal.vm, which is not exported"
                        + " to the class path: run with " + EXPORT_FLAG;
            } catch (Throwable changed) {
                unavailable = "the JDK's continuation is not usable on Java " + Runtime.version()
                        + " (its internal API differs: " + changed + ")";
            }
        }
        UNAVAILABLE = unavailable;
        NEW = unavailable == null ? made : null;
        RUN = unavailable == null ? run : null;
        YIELD = unavailable == null ? yield : null;
        CURRENT = unavailable == null ? current : null;
    }

    private JdkContinuation() {
    }

    /** Runs a continuation that yields once, to its end: {@code null} if it behaved, else what went wrong. */
    private static String probe(MethodHandle made, MethodHandle run, MethodHandle yield) throws Throwable {
        int[] steps = {0};
        Object continuation = made.invoke((Runnable) () -> {
            steps[0]++;
            try {
                yield.invoke();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            steps[0]++;
        });
        run.invoke(continuation);
        boolean pausedHalfway = steps[0] == 1;
        run.invoke(continuation);
        return pausedHalfway && steps[0] == 2 ? null
                : "the JDK's continuation did not pause and resume as expected on Java " + Runtime.version();
    }

    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** A new continuation that runs {@code body} when first run. */
    static Object create(Runnable body) {
        try {
            return NEW.invokeExact(body);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code continuation} on this thread until it yields or ends. */
    static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Pauses the innermost running continuation; returns once it is run again. */
    static void yieldContinuation() {
        try {
            boolean ignored = (boolean) YIELD.invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The innermost continuation running on this thread, or {@code null} outside every one. */
    static Object current() {
        try {
            return (Object) CURRENT.invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Throwable e) {
        // What comes out is unchecked, or a body's own checked exception, which passes unchanged.
        throw Generator.<RuntimeException>sneaky(e);
    }
}
