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
     * Requests every target and reports each one exactly once, through {@link Run#answered} or
     * {@link Run#failed}. One failing host must not stop the others, and every wait must be
     * bounded by {@link Run#timeout()}.
     */
    void requestAll(List<Target> targets, Run run) throws Exception;
}
