package coroutines.tasks;

import picocli.CommandLine.Option;

/**
 * This stage's own command-line option, {@code --fail-in-coroutine HOST}: makes that host's
 * {@code read} coroutine throw once it has its first chunk, as a bug would, so that the stack
 * trace can be set beside the one stage 3's {@code --fail-in-callback} shows (there, the bug is in
 * the callback that reads a chunk). Command-line
 * plumbing, not lesson code: picocli fills the field in, and the lesson only asks {@link #chosen}.
 */
public final class FailInCoroutineOption {

    // An explicit null default: picocli otherwise takes the field's value when the command line is
    // built, so an object reused for several runs (JShell, the doc checks) would remember a host.
    @Option(names = "--fail-in-coroutine", paramLabel = "HOST", defaultValue = Option.NULL_VALUE,
            description = "Make HOST's read coroutine throw once it has its first chunk, as a bug would:"
                    + " its Task ends with the exception, whose stack trace is printed; the others go on.")
    private String host;

    /** No coroutine fails: what picocli leaves when the option is not given. */
    public FailInCoroutineOption() {
    }

    /** The option as if given on the command line, for tests and JShell. */
    public static FailInCoroutineOption forHost(String host) {
        FailInCoroutineOption option = new FailInCoroutineOption();
        option.host = host;
        return option;
    }

    /** Whether this host's coroutine is to throw. */
    boolean chosen(String candidate) {
        return candidate.equals(host);
    }
}
