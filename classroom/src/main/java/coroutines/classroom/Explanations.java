package coroutines.classroom;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says what a failed test found, in words a student acts on: the assertion's own sentence, or
 * the exception the student's code threw and where, or that a stub (theirs or another
 * exercise's) is still in the way. Stack traces stay in the build log.
 */
final class Explanations {

    private static final Pattern NOT_DONE = Pattern.compile("exercise (\\d+\\.\\d+) is not done yet");
    private static final Pattern FRAME = Pattern.compile("^\\s*at ((coroutines\\.[\\w.$]+)\\.[\\w$<>]+\\(([^)]*)\\))", Pattern.MULTILINE);
    private static final int MAX_LINES = 6;
    private static final int MAX_WIDTH = 160;

    private Explanations() {
    }

    /** The exercise whose stub the failure ran into, or null. */
    static String stubReached(String message, String stackTrace) {
        Matcher stub = NOT_DONE.matcher((message == null ? "" : message) + "\n" + stackTrace);
        return stub.find() ? stub.group(1) : null;
    }

    static String explain(String type, String message, String stackTrace) {
        String text = message == null ? "" : message;
        Matcher stub = NOT_DONE.matcher(text + "\n" + stackTrace);
        if (stub.find()) {
            return "the code still throws the stub of exercise " + stub.group(1) + " (\"" + stub.group() + "\"):"
                    + " that code runs here, so write it first";
        }
        if (type.contains("Timeout")) {
            return "it did not finish in time: a loop that never ends, or a wait nothing ever wakes";
        }
        if (type.endsWith("AssertionError") || type.endsWith("AssertionFailedError") || type.contains("opentest4j")) {
            return shortened(text);
        }
        String where = firstLessonFrame(stackTrace);
        return "your code threw " + simpleName(type) + (text.isBlank() ? "" : ": " + firstLine(text))
                + (where == null ? "" : "\n  at " + where);
    }

    /** The first frame of the lesson's code, not the test's and not the JDK's: where to look. */
    private static String firstLessonFrame(String stackTrace) {
        Matcher frame = FRAME.matcher(stackTrace == null ? "" : stackTrace);
        while (frame.find()) {
            String className = frame.group(2);
            if (!className.endsWith("Test") && !className.contains("Test$") && !className.contains("Exercise")) {
                return frame.group(1);
            }
        }
        return null;
    }

    private static String shortened(String message) {
        List<String> lines = message.strip().lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        String shown = lines.stream().limit(MAX_LINES)
                .map(l -> l.length() > MAX_WIDTH ? l.substring(0, MAX_WIDTH) + "..." : l)
                .collect(Collectors.joining("\n"));
        return lines.size() > MAX_LINES ? shown + "\n(...)" : shown;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) + "..." : line;
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
