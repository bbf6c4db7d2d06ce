package coroutines.testbed;

import java.util.List;

/**
 * What each stage implements: request every target, and tell the run how each one ended.
 * The stage decides how (one after another, a poll loop, a selector, coroutines, threads);
 * the run takes care of printing, the timeline and the summary line.
 */
@FunctionalInterface
public interface Client {

    /**
     * Requests every target and reports each host exactly once, through {@link Run#answered} or
     * {@link Run#failed}. One failing host must not stop the others, and every wait must be
     * bounded by {@link Run#timeout()}.
     */
    void requestAll(List<Target> targets, Run run) throws Exception;

    /**
     * Loads what the client needs before the run starts its clock, as a Python program's imports
     * run before its own: the JVM loads a class at its first use, which would otherwise fall inside
     * what the run measures. Nothing, unless a stage says otherwise; the run itself loads the JDK's
     * socket and selector classes for every stage.
     */
    default void loadBeforeTheClock() {
    }
}
