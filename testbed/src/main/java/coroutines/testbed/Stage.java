package coroutines.testbed;

/**
 * A stage as the command line and the tour see it: its module name, what it changed since the
 * stage before (a few words for the tour's table), a one-line description, its client, and the
 * step of a request it can make fail on purpose with {@code --fail-in HOST} (stage 3's read
 * callback, for instance), or null if it has none.
 */
public record Stage(String name, String whatChanged, String description, Client client, String stepThatCanFail) {

    /** A stage with no step that fails on purpose. */
    public Stage(String name, String whatChanged, String description, Client client) {
        this(name, whatChanged, description, client, null);
    }

    /** Whether {@code --fail-in} means something for this stage. */
    public boolean canFailOnPurpose() {
        return stepThatCanFail != null;
    }
}
