package coroutines.testbed;

import java.util.List;

/**
 * A stage as the command line and the tour see it: its module name, what it changed since the
 * stage before (a few words for the tour's table), a one-line description, its client, and any
 * options of its own (picocli-annotated objects the client reads, added to the shared command
 * line; stage 3's {@code --fail-in-callback}, for instance).
 */
public record Stage(String name, String whatChanged, String description, Client client, List<Object> options) {

    public Stage {
        options = List.copyOf(options);
    }

    /** A stage with no options of its own. */
    public Stage(String name, String whatChanged, String description, Client client) {
        this(name, whatChanged, description, client, List.of());
    }
}
