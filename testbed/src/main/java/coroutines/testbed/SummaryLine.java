package coroutines.testbed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of every run, in one format and with one parser: {@code N of M hosts answered in
 * W ms, client CPU C ms}. The run prints it, the article's Python programs print the same words,
 * and everything that reads a run's figures back (the tour, the benchmark, the tests) parses it here.
 *
 * @param answered        how many requests got a whole answer
 * @param requests        how many requests the run made
 * @param wallMillis      from the first connect to the last event
 * @param clientCpuMillis the CPU the client used, as the run estimates it
 */
public record SummaryLine(int answered, int requests, long wallMillis, long clientCpuMillis) {

    /** The format, for error messages and docs. */
    public static final String FORMAT = "N of M hosts answered in W ms, client CPU C ms";

    private static final Pattern LINE =
            Pattern.compile("(\\d{1,9}) of (\\d{1,9}) hosts answered in (\\d{1,18}) ms, client CPU (\\d{1,18}) ms");

    /** The figures of {@code line}, which must be a summary line and nothing else (a trailing CR is allowed). */
    public static SummaryLine parse(String line) {
        Matcher match = LINE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        if (!match.matches()) {
            throw new IllegalArgumentException("not a summary line (" + FORMAT + "): \""
                    + TerminalText.escapeLine(line) + "\"");
        }
        return new SummaryLine(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                Long.parseLong(match.group(3)), Long.parseLong(match.group(4)));
    }

    /** The first line of {@code output} that is a summary line, if any: for output that goes on after it. */
    public static Optional<SummaryLine> findIn(String output) {
        for (String line : output.split("\n", -1)) {
            if (isOne(line)) {
                return Optional.of(parse(line));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code line} parses as a summary line. */
    public static boolean isOne(String line) {
        return LINE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).matches();
    }

    /** Whether every request was answered. */
    public boolean allAnswered() {
        return answered == requests;
    }

    @Override
    public String toString() {
        return answered + " of " + requests + " hosts answered in " + wallMillis + " ms, client CPU "
                + clientCpuMillis + " ms";
    }
}
