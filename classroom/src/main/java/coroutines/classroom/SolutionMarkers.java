package coroutines.classroom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one source of truth: the reference solution stays in the lesson code, between markers, with
 * the stub a student sees written beside it.
 *
 * <pre>
 *     // BEGIN SOLUTION 1.1
 *     // STUB throw new UnsupportedOperationException("exercise 1.1 is not done yet: read until the server closes");
 *     ...the reference code...
 *     // END SOLUTION 1.1
 * </pre>
 *
 * In Java (and JShell scripts) a region holds one or more {@code // STUB} lines, which become the
 * code of the student copy, uncommented, between two lines that the student keeps and the grader
 * looks for ({@code // BEGIN EXERCISE 1.1: ...} and {@code // END EXERCISE 1.1 ...}: only what is
 * between them is graded); a stub must throw the exercise's "not done yet". In
 * Markdown, a passage that quotes a solution, or shows output that depends on how the reference
 * wrote it (a stack trace's frames), sits between {@code <!-- BEGIN SOLUTION 1.1 -->} and
 * {@code <!-- END SOLUTION 1.1 -->}, and the copy says instead that it was left out. A marker is
 * a whole line; the same words inside a sentence or a string are not one.
 */
public final class SolutionMarkers {

    private static final Pattern JAVA_BEGIN = Pattern.compile("^(\\s*)// BEGIN SOLUTION (\\S+)\\s*$");
    private static final Pattern JAVA_END = Pattern.compile("^\\s*// END SOLUTION (\\S+)\\s*$");
    private static final Pattern JAVA_STUB = Pattern.compile("^\\s*// STUB (.*)$");
    private static final Pattern MD_BEGIN = Pattern.compile("^(\\s*)<!-- BEGIN SOLUTION (\\S+) -->\\s*$");
    private static final Pattern MD_END = Pattern.compile("^\\s*<!-- END SOLUTION (\\S+) -->\\s*$");

    /** The bounds a student copy keeps around an exercise's code; the id is what the grader reads. */
    private static final Pattern EXERCISE_BEGIN = Pattern.compile("^(\\s*)// BEGIN EXERCISE (\\d+\\.\\d+)\\b.*$");
    private static final Pattern EXERCISE_END = Pattern.compile("^\\s*// END EXERCISE (\\d+\\.\\d+)\\b.*$");

    private static final Pattern CODE_MARKER = Pattern.compile("^\\s*// (BEGIN|END) SOLUTION \\S+");
    private static final Pattern MARKDOWN_MARKER = Pattern.compile("^\\s*<!-- (BEGIN|END) SOLUTION \\S+");

    /**
     * Whether a line of this file's kind looks like a marker, for the check that none is left in a
     * copy. A Java marker quoted in a Markdown code block (as docs/teaching.md shows them) is an
     * example, not a marker.
     */
    public static boolean looksLikeMarker(String line, Syntax syntax) {
        return (syntax == Syntax.CODE ? CODE_MARKER : MARKDOWN_MARKER).matcher(line).find();
    }

    private SolutionMarkers() {
    }

    /** Which marker syntax a file uses, by its name; null if it cannot hold markers. */
    public enum Syntax {
        CODE, MARKDOWN;

        public static Syntax of(String fileName) {
            if (fileName.endsWith(".java") || fileName.endsWith(".jsh")) {
                return CODE;
            }
            if (fileName.endsWith(".md")) {
                return MARKDOWN;
            }
            return null;
        }
    }

    /**
     * One marked region.
     *
     * @param firstLine the BEGIN line, 1-based
     * @param lastLine  the END line
     * @param stub      the stub's lines, uncommented and indented as the BEGIN line (empty in Markdown)
     * @param solution  the reference lines between the markers, stub lines left out
     */
    public record Region(String id, int firstLine, int lastLine, List<String> stub, List<String> solution) {
    }

    /** A file's marked regions, in order; an unbalanced or malformed marker is an error naming the line. */
    public static List<Region> regions(List<String> lines, Syntax syntax, String file) {
        List<Region> regions = new ArrayList<>();
        Pattern begin = syntax == Syntax.CODE ? JAVA_BEGIN : MD_BEGIN;
        Pattern end = syntax == Syntax.CODE ? JAVA_END : MD_END;
        String id = null;
        String indent = "";
        int first = 0;
        List<String> stub = new ArrayList<>();
        List<String> solution = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            Matcher beginning = begin.matcher(line);
            Matcher ending = end.matcher(line);
            if (beginning.matches()) {
                if (id != null) {
                    throw new IllegalArgumentException(file + ":" + n + ": BEGIN SOLUTION " + beginning.group(2)
                            + " inside the region of " + id + " begun at line " + first + "; end that one first");
                }
                indent = beginning.group(1);
                id = beginning.group(2);
                first = n;
                stub = new ArrayList<>();
                solution = new ArrayList<>();
            } else if (ending.matches()) {
                if (id == null || !ending.group(1).equals(id)) {
                    throw new IllegalArgumentException(file + ":" + n + ": END SOLUTION " + ending.group(1)
                            + (id == null ? " without a BEGIN" : " ends the region of " + id + " begun at line " + first));
                }
                if (syntax == Syntax.CODE) {
                    requireStub(id, stub, file, first);
                }
                regions.add(new Region(id, first, n, List.copyOf(stub), List.copyOf(solution)));
                id = null;
            } else if (id != null) {
                Matcher stubLine = JAVA_STUB.matcher(line);
                if (syntax == Syntax.CODE && stubLine.matches() && solution.isEmpty()) {
                    stub.add(indent + stubLine.group(1));
                } else {
                    solution.add(line);
                }
            } else if (looksLikeMarker(line, syntax)) {
                throw new IllegalArgumentException(file + ":" + n + ": a marker that is not of the form "
                        + (syntax == Syntax.CODE ? "// BEGIN SOLUTION ID" : "<!-- BEGIN SOLUTION ID -->") + ": '" + line.strip() + "'");
            }
        }
        if (id != null) {
            throw new IllegalArgumentException(file + ":" + first + ": BEGIN SOLUTION " + id + " is never ended (// END SOLUTION " + id + ")");
        }
        return regions;
    }

    private static void requireStub(String id, List<String> stub, String file, int line) {
        String expected = "new UnsupportedOperationException(\"exercise " + id + " is not done yet";
        if (stub.stream().noneMatch(s -> s.contains("throw " + expected))) {
            throw new IllegalArgumentException(file + ":" + line + ": the region of exercise " + id
                    + " needs a stub right after BEGIN, e.g. '// STUB throw " + expected + ": WHAT TO WRITE\");'");
        }
    }

    /** The line a student copy puts above an exercise's code: which exercise, and how to check it. */
    public static String exerciseBegin(String indent, String id, String title) {
        return indent + "// BEGIN EXERCISE " + id + ": " + title + ". Write it here; ./run check " + id
                + " tests it, ./run hint " + id + " helps.";
    }

    /** The line a student copy puts below an exercise's code: only what is between the two is graded. */
    public static String exerciseEnd(String indent, String id) {
        return indent + "// END EXERCISE " + id + ". Only the lines between BEGIN and END are graded: keep both lines.";
    }

    /**
     * One exercise's code in a student's file, between its {@code BEGIN EXERCISE} and {@code END
     * EXERCISE} lines.
     *
     * @param beginLine the BEGIN line, 1-based
     * @param body      the lines between the two
     */
    public record Bounded(String id, int beginLine, int endLine, List<String> body) {
    }

    /**
     * What a student's file holds between exercise bounds: the regions whose two lines are both
     * there and in order, and, for each exercise whose bounds are not, why (by id). A broken pair
     * spoils only its own exercise: the file's other regions are still read.
     */
    public record Bounds(List<Bounded> regions, Map<String, String> broken) {
    }

    /** Reads the exercise bounds of a student's file (see {@link Bounds}). */
    public static Bounds bounds(List<String> lines) {
        return bounds(lines, Lang.EN);
    }

    /** As above, with why a bound is broken in {@code lang}. */
    public static Bounds bounds(List<String> lines, Lang lang) {
        Messages say = Messages.of(lang);
        List<Bounded> regions = new ArrayList<>();
        Map<String, String> broken = new LinkedHashMap<>();
        String open = null;
        int openedAt = 0;
        List<String> body = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            Matcher begin = EXERCISE_BEGIN.matcher(line);
            Matcher end = EXERCISE_END.matcher(line);
            if (begin.matches()) {
                if (open != null) {
                    broken.putIfAbsent(open, say.text("grade.beginWithoutEnd", openedAt));
                }
                open = begin.group(2);
                openedAt = n;
                body = new ArrayList<>();
            } else if (end.matches()) {
                String id = end.group(1);
                if (id.equals(open)) {
                    regions.add(new Bounded(id, openedAt, n, List.copyOf(body)));
                } else {
                    broken.putIfAbsent(id, say.text("grade.endWithoutBegin", n));
                    if (open != null) {
                        broken.putIfAbsent(open, say.text("grade.beginWithoutEnd", openedAt));
                    }
                }
                open = null;
            } else if (open != null) {
                body.add(line);
            }
        }
        if (open != null) {
            broken.putIfAbsent(open, say.text("grade.beginWithoutEnd", openedAt));
        }
        return new Bounds(List.copyOf(regions), Map.copyOf(broken));
    }

    /**
     * The file as a student sees it: every region whose id {@code stubbed} holds replaced by its
     * stub between the exercise's bounds (code: a line naming the exercise, the stub, a line saying
     * that only what is between is graded; Markdown: a line saying what was left out), and every
     * other region's markers removed with the reference code kept.
     *
     * @param titleOf the exercise's title, for the comment above a stub
     */
    public static List<String> transform(List<String> lines, Syntax syntax, String file, Set<String> stubbed,
                                         Function<String, String> titleOf) {
        return transform(lines, syntax, file, stubbed, titleOf, region -> null);
    }

    /**
     * As {@link #transform(List, Syntax, String, Set, Function)}, but a region for which {@code answerOf}
     * gives a body (a teacher's answer, {@link Answers}) gets that body instead of the reference's.
     */
    public static List<String> transform(List<String> lines, Syntax syntax, String file, Set<String> stubbed,
                                         Function<String, String> titleOf, Function<Region, List<String>> answerOf) {
        return transform(lines, syntax, file, stubbed, titleOf, answerOf, false);
    }

    /**
     * As above; with {@code bounded}, an answered code region keeps the exercise's bounds around its
     * body, as the student's file has them: a graded copy, whose compiler errors then name the
     * student's own line numbers.
     */
    public static List<String> transform(List<String> lines, Syntax syntax, String file, Set<String> stubbed,
                                         Function<String, String> titleOf, Function<Region, List<String>> answerOf,
                                         boolean bounded) {
        List<Region> regions = regions(lines, syntax, file);
        List<String> out = new ArrayList<>();
        int next = 1;
        for (Region region : regions) {
            out.addAll(lines.subList(next - 1, region.firstLine() - 1));
            String indent = lines.get(region.firstLine() - 1).replaceAll("\\S.*$", "");
            List<String> answer = stubbed.contains(region.id()) ? null : answerOf.apply(region);
            if (answer != null && bounded && syntax == Syntax.CODE) {
                out.add(exerciseBegin(indent, region.id(), titleOf.apply(region.id())));
                out.addAll(answer);
                out.add(exerciseEnd(indent, region.id()));
            } else if (answer != null) {
                out.addAll(answer);
            } else if (!stubbed.contains(region.id())) {
                out.addAll(region.solution());
            } else if (syntax == Syntax.CODE) {
                out.add(exerciseBegin(indent, region.id(), titleOf.apply(region.id())));
                out.addAll(region.stub());
                out.add(exerciseEnd(indent, region.id()));
            } else if (isChinese(file)) {
                // The same line, for a page of the Chinese edition.
                out.add(indent + "*（学生副本里略去了这一段：它展示或运行的是练习 " + region.id() + "“" + titleOf.apply(region.id())
                        + "”的参考代码，这部分由你来写。见 docs/zh/exercises.md。）*");
            } else {
                // Either it quotes the answer, or it shows what the reference's own way of writing it prints.
                out.add(indent + "*(Left out of the student copy: this passage shows or runs the reference code of exercise "
                        + region.id() + ", \"" + titleOf.apply(region.id()) + "\", which is yours to write. See docs/exercises.md.)*");
            }
            next = region.lastLine() + 1;
        }
        out.addAll(lines.subList(next - 1, lines.size()));
        return out;
    }

    /** A page of the Chinese edition: docs/zh/ or a README.zh.md. */
    private static boolean isChinese(String file) {
        String path = file.replace('\\', '/');
        return path.startsWith("docs/zh/") || path.contains("/docs/zh/") || path.endsWith(".zh.md");
    }
}
