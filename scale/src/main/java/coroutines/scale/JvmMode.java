package coroutines.scale;

import coroutines.command.StageJvm;
import java.util.Locale;

/**
 * How a Java client's JVM starts, one column of the table each: cold, as a JVM with no cache starts;
 * with the AOT cache a training run made (JDK 25+); warm, after one unmeasured run of the stage in
 * the same JVM. Every mode runs the same JARs, so that cold and AOT differ by the cache only.
 */
enum JvmMode {
    /** No cache: the classes load and the code starts interpreted inside the measured run. */
    COLD("cold", StageJvm.Cache.NONE),
    /** The client's AOT cache (JEP 483, 514, 515): classes loaded and linked, profiles and compiled code recorded. */
    AOT("AOT cache", StageJvm.Cache.USE),
    /** No cache, but the stage ran once, unmeasured, in the same JVM first: about the steady state. */
    WARM("warm", StageJvm.Cache.NONE);

    private final String label;
    private final StageJvm.Cache cache;

    JvmMode(String label, StageJvm.Cache cache) {
        this.label = label;
        this.cache = cache;
    }

    /** The column's name in the table and the progress lines. */
    String label() {
        return label;
    }

    StageJvm.Cache cache() {
        return cache;
    }

    /** The option's word for it: cold, aot, warm. */
    String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
