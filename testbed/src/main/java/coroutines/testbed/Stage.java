package coroutines.testbed;

/**
 * A stage as the command line and the tour see it: its module name, what it changed since the
 * stage before (a few words for the tour's table), a one-line description, and its client.
 */
public record Stage(String name, String whatChanged, String description, Client client) {
}
