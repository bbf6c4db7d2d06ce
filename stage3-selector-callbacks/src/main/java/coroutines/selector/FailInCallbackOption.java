package coroutines.selector;

import picocli.CommandLine.Option;

/**
 * This stage's own command-line option, {@code --fail-in-callback HOST}: makes that host's read
 * callback throw, as a bug would, so that the stack trace a failing callback leaves can be seen.
 * Command-line plumbing, not lesson code: picocli fills the field in (the object is a mixin of
 * the shared command line), and the lesson only asks {@link #chosen}.
 */
public final class FailInCallbackOption {

    // An explicit null default, because picocli otherwise takes the field's value when the
    // command line is built as the default: an object reused for several runs (JShell, the doc
    // checks) would keep failing the host named in an earlier run.
    @Option(names = "--fail-in-callback", paramLabel = "HOST", defaultValue = Option.NULL_VALUE,
            description = "Make HOST's read callback throw, as a bug would: the loop reports HOST,"
                    + " prints the stack trace and goes on with the others.")
    private String host;

    /** No callback fails: what picocli leaves when the option is not given. */
    public FailInCallbackOption() {
    }

    /** The option as if given on the command line, for tests and JShell. */
    public static FailInCallbackOption forHost(String host) {
        FailInCallbackOption option = new FailInCallbackOption();
        option.host = host;
        return option;
    }

    /** Whether this host's read callback is to throw. */
    boolean chosen(String candidate) {
        return candidate.equals(host);
    }

    /** The host named by the option, or null if none was. */
    String host() {
        return host;
    }
}
