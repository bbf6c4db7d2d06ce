package coroutines.testbed;

/**
 * A stage as the command line and the tour see it: its module name, what it changed since the
 * stage before (a few words for the tour's table), a one-line description, its client, the step
 * of a request it can make fail on purpose with {@code --fail-in HOST} (stage 3's read callback,
 * for instance) or null, and what it loads before the run's clock starts.
 *
 * @param beforeTheClock loads what the client needs before the run's clock, as a Python program's
 *                       imports run before its own code: the JVM loads a class at its first use,
 *                       which would otherwise fall inside what the run measures
 */
public record Stage(String name, String whatChanged, String description, Client client, String stepThatCanFail,
        Runnable beforeTheClock) {

    /** A stage with nothing of its own to load before the clock (the run loads the JDK's socket classes). */
    public Stage(String name, String whatChanged, String description, Client client, String stepThatCanFail) {
        this(name, whatChanged, description, client, stepThatCanFail, () -> { });
    }

    /** A stage with no step that fails on purpose. */
    public Stage(String name, String whatChanged, String description, Client client) {
        this(name, whatChanged, description, client, null);
    }

    /** Whether {@code --fail-in} means something for this stage. */
    public boolean canFailOnPurpose() {
        return stepThatCanFail != null;
    }
}
