package coroutines.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says what a failed test found, in words a student acts on: the assertion's own sentence; the
 * exception the student's code threw and where; a test that stopped on its own (not the student's
 * fault as such); a call the test bed refused; a test that never finished; or that a stub (theirs or
 * another exercise's) is still in the way. Stack traces stay in the build log. The words around
 * the test's own message are in the student's language ({@link Messages}); the message is the test's.
 */
final class Explanations {

    private static final Pattern NOT_DONE = Pattern.compile("exercise (\\d+\\.\\d+) is not done yet");
    private static final Pattern FRAME = Pattern.compile("^\\s*at ((coroutines\\.[\\w.$]+)\\.[\\w$<>]+\\(([^)]*)\\))", Pattern.MULTILINE);
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    private static final int MAX_LINES = 8;
    private static final int MAX_WIDTH = 160;

    private Explanations() {
    }

    /** The exercise whose stub the failure ran into, or null. */
    static String stubReached(String message, String stackTrace) {
        Matcher stub = NOT_DONE.matcher((message == null ? "" : message) + "\n" + stackTrace);
        return stub.find() ? stub.group(1) : null;
    }

    /** In English. */
    static String explain(String type, String message, String stackTrace) {
        return explain(type, message, stackTrace, Lang.EN);
    }

    /**
     * What a failed test found, in the student's language. The assertion's own sentence and the
     * exception's message stay as the test and the code said them.
     */
    static String explain(String type, String message, String stackTrace, Lang lang) {
        Messages say = Messages.of(lang);
        String text = unescapeXml(message == null ? "" : message);
        Matcher stub = NOT_DONE.matcher(text + "\n" + stackTrace);
        if (stub.find()) {
            return say.text("explain.stub", stub.group(1), stub.group());
        }
        if (type.contains("Timeout") || text.contains("timed out after")) {
            return say.text("explain.timeout", firstLine(text));
        }
        if (isAssertion(type)) {
            return shortened(text);
        }
        List<String> frames = lessonFrames(stackTrace);
        String thrown = simpleName(type) + (text.isBlank() ? "" : ": " + firstLine(text));
        if (frames.isEmpty()) {
            return say.text("explain.testStopped", thrown);
        }
        String top = frames.get(0);
        if (isTest(classOf(top))) {
            return say.text("explain.testItself", thrown, top);
        }
        if (isTestBed(classOf(top))) {
            String caller = frames.stream().filter(f -> !isTestBed(classOf(f)) && !isTest(classOf(f))).findFirst().orElse(null);
            return say.text("explain.testBedRefused", thrown, top)
                    + (caller == null ? "" : "\n  " + say.text("explain.calledByYourCode", caller));
        }
        return say.text("explain.yourCodeThrew", thrown, top);
    }

    private static boolean isAssertion(String type) {
        return type.endsWith("AssertionError") || type.endsWith("AssertionFailedError") || type.contains("opentest4j")
                || type.endsWith("MultipleFailuresError") || type.endsWith("SoftAssertionError")
                || type.startsWith("org.assertj.");
    }

    private static boolean isTest(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.endsWith("Test") || simple.contains("Test$") || simple.contains("Exercise");
    }

    private static boolean isTestBed(String className) {
        return className.startsWith("coroutines.testbed.") || className.startsWith("coroutines.command.")
                || className.startsWith("coroutines.testkit.");
    }

    /** The frames of this repository's code ({@code coroutines.*}), the innermost first. */
    private static List<String> lessonFrames(String stackTrace) {
        Matcher frame = FRAME.matcher(stackTrace == null ? "" : stackTrace);
        List<String> frames = new ArrayList<>();
        while (frame.find()) {
            frames.add(frame.group(1));
        }
        return frames;
    }

    /** {@code coroutines.a.B$C.m(B.java:3)} to {@code coroutines.a.B$C}. */
    private static String classOf(String frame) {
        String method = frame.substring(0, frame.indexOf('('));
        return method.substring(0, method.lastIndexOf('.'));
    }

    /**
     * A report's text as the test said it: Surefire writes a character that XML cannot hold (a NUL)
     * as the text {@code &#0;}, which a student should see as {@code \x00}.
     */
    static String unescapeXml(String text) {
        Matcher reference = CHARACTER_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            int code = Integer.parseInt(reference.group(2), reference.group(1).isEmpty() ? 10 : 16);
            String shown;
            if (code == '\r') {
                shown = "\\r";
            } else if (code == '\n') {
                shown = "\\n";
            } else if (code < 0x20 || code == 0x7f) {
                shown = String.format("\\x%02x", code);
            } else {
                shown = new String(Character.toChars(code));
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        reference.appendTail(out);
        return out.toString();
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
