package coroutines.classroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What grading a class writes: {@code gradebook.csv} (one row per student, one column of points per
 * exercise, the total, and notes; RFC 4180), {@code feedback/NAME.md} (the page to hand back), and
 * {@code results/NAME.json} in Gradescope's {@code results.json} format, the autograder format most
 * tools read (one test per exercise, with its score, maximum, status and output). Every sentence in
 * them is in the grading's language ({@link Messages}, keys {@code grade.*}); the CSV's column names,
 * the JSON's field names and every number stay as they are in both, for the programs that read them.
 */
final class Gradebook {

    static final String CSV = "gradebook.csv";
    static final String FEEDBACK = "feedback";
    static final String RESULTS = "results";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Catalogue.Exercise> exercises;
    private final int max;
    private final Lang lang;
    private final Messages say;

    /**
     * @param exercises the exercises graded: the gradebook's columns
     * @param lang      the language of its sentences: the notes, the feedback pages, the results' texts
     */
    Gradebook(List<Catalogue.Exercise> exercises, Lang lang) {
        this.exercises = exercises;
        this.max = ClassGrader.max(exercises);
        this.lang = lang;
        this.say = Messages.of(lang);
    }

    /** Writes the three outputs into {@code dir}, replacing those of an earlier grading there (and nothing else). */
    void write(Path dir, List<ClassGrader.StudentGrade> grades) throws IOException {
        Files.createDirectories(dir);
        Proof.deleteTree(dir.resolve(FEEDBACK));
        Proof.deleteTree(dir.resolve(RESULTS));
        Files.createDirectories(dir.resolve(FEEDBACK));
        Files.createDirectories(dir.resolve(RESULTS));
        Files.writeString(dir.resolve(CSV), csv(grades), StandardCharsets.UTF_8);
        for (ClassGrader.StudentGrade grade : grades) {
            Files.writeString(dir.resolve(FEEDBACK).resolve(grade.name() + ".md"), feedback(grade),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RESULTS).resolve(grade.name() + ".json"),
                    JSON.writeValueAsString(results(grade)) + "\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * The gradebook: a header, then one row per student; fields quoted as RFC 4180 says, lines ended
     * by CRLF. The header is the same in every language (ids a spreadsheet's formulas or a script
     * can rely on); only the notes are in the grading's language.
     */
    String csv(List<ClassGrader.StudentGrade> grades) {
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student"));
        exercises.forEach(e -> header.add(e.id()));
        header.addAll(List.of("total", "max", "notes"));
        row(text, header);
        for (ClassGrader.StudentGrade grade : grades) {
            List<String> fields = new ArrayList<>(List.of(grade.name()));
            grade.exercises().forEach(e -> fields.add(String.valueOf(e.points())));
            fields.addAll(List.of(String.valueOf(grade.points()), String.valueOf(max), notes(grade)));
            row(text, fields);
        }
        return text.toString();
    }

    private static void row(StringBuilder text, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            text.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        text.append("\r\n");
    }

    /** One field: quoted if it holds a comma, a quote or a line break, its quotes doubled; guarded against formulas. */
    static String field(String value) {
        String safe = value;
        // A spreadsheet runs a cell that starts with one of these as a formula: a folder named "=..." must stay text.
        if (!safe.isEmpty() && "=+@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    /** One student's results in Gradescope's results.json format: one test per exercise. */
    ObjectNode results(ClassGrader.StudentGrade grade) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", grade.points());
        root.put("execution_time", Math.round(grade.seconds()));
        root.put("output", resultsOutput(grade));
        root.put("visibility", "visible");
        ArrayNode tests = root.putArray("tests");
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            ObjectNode test = tests.addObject();
            test.put("name", exercise.exercise().id() + " " + exercise.exercise().title(lang));
            test.put("number", exercise.exercise().id());
            test.put("score", exercise.points());
            test.put("max_score", exercise.max());
            test.put("status", exercise.done() ? "passed" : "failed");
            test.put("output", grade.error() != null ? resultsOutput(grade)
                    : details(exercise, false));
            test.put("visibility", "visible");
        }
        ObjectNode extra = root.putObject("extra_data");
        extra.put("student", grade.name());
        extra.put("handed_in", grade.source());
        ArrayNode ignored = extra.putArray("not_graded");
        for (Transplant.Ignored file : grade.ignored()) {
            ObjectNode entry = ignored.addObject();
            entry.put("path", file.path());
            entry.put("change", file.change().name().toLowerCase(java.util.Locale.ROOT));
        }
        return root;
    }

    // One exercise's state, in the gradebook's notes, the feedback page, the results file and the lines printed.

    String state(ClassGrader.ExerciseGrade grade) {
        if (grade.problem() != null) {
            return grade.problem();
        }
        if (grade.result() == null) {
            return say.text("grade.notGraded");
        }
        Checker.Result result = grade.result();
        String words = Messages.words(result, lang);
        if (result.state() == Checker.State.FAILING || result.state() == Checker.State.WAITS_FOR) {
            words = say.text("grade.testsPass", words, result.tests() - result.failures().size(), result.tests());
        }
        return grade.stoppedAtBound() ? say.text("grade.stoppedAtBound", words) : words;
    }

    /** The exercises not done, each with its state, in one line: the gradebook's notes and the line printed. */
    String notDone(ClassGrader.StudentGrade grade) {
        return grade.exercises().stream().filter(e -> !e.done()).map(e -> e.exercise().id() + " " + state(e))
                .collect(Collectors.joining(say.text("grade.notes.separator")));
    }

    private String ignored(Transplant.Ignored file) {
        return say.text("grade.ignored", file.path(), change(file.change()));
    }

    private String change(Transplant.Change change) {
        return say.text("grade.change." + change.name());
    }

    /** The gradebook's last column: what is not done, and why, in one line. */
    String notes(ClassGrader.StudentGrade grade) {
        if (grade.error() != null) {
            return grade.error();
        }
        StringBuilder notes = new StringBuilder(notDone(grade));
        if (!grade.ignored().isEmpty()) {
            if (notes.length() > 0) {
                notes.append(say.text("grade.notes.separator"));
            }
            String files = grade.ignored().stream().limit(5).map(this::ignored)
                    .collect(Collectors.joining(say.text("grade.list.separator")));
            if (grade.ignored().size() > 5) {
                files = say.text("grade.notes.more", files, grade.ignored().size() - 5);
            }
            notes.append(say.text("grade.notes.notGraded", files));
        }
        return notes.toString();
    }

    // The feedback page, Markdown.

    String feedback(ClassGrader.StudentGrade grade) {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(say.text("grade.feedback.title", escape(grade.name()))).append("\n\n");
        page.append(say.text("grade.feedback.intro", escape(grade.source()))).append("\n\n");
        if (grade.error() != null) {
            page.append(say.text("grade.feedback.nothing", escape(grade.error()))).append("\n\n");
            page.append(say.text("grade.feedback.nothingPoints", max)).append("\n");
            return page.toString();
        }
        page.append(say.text("grade.feedback.points", grade.points(), max, grade.done(), grade.exercises().size()))
                .append("\n\n");
        page.append(say.text("grade.feedback.columns")).append("\n|---|---|---|\n");
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            page.append("| ").append(exercise.exercise().id()).append(' ').append(escape(exercise.exercise().title(lang)))
                    .append(" | ").append(escape(state(exercise))).append(" | ")
                    .append(say.text("grade.feedback.pointsCell", exercise.points(), exercise.max())).append(" |\n");
        }
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            if (exercise.done()) {
                continue;
            }
            page.append("\n## ").append(exercise.exercise().id()).append(' ').append(escape(exercise.exercise().title(lang)))
                    .append("\n\n").append(details(exercise, true));
        }
        if (!grade.ignored().isEmpty()) {
            page.append("\n## ").append(say.text("grade.feedback.notGraded")).append("\n\n")
                    .append(say.text("grade.feedback.notGradedIntro")).append("\n\n");
            for (Transplant.Ignored file : grade.ignored()) {
                page.append("- ").append(say.text("grade.ignored", "`" + file.path().replace("`", "'") + "`",
                        change(file.change()))).append("\n");
            }
        }
        return page.toString();
    }

    /** What one exercise's grade says beyond its state: the failing tests, what it waits for, errors. */
    String details(ClassGrader.ExerciseGrade grade, boolean markdown) {
        StringBuilder text = new StringBuilder();
        String points = say.text("grade.details.points", grade.points(), grade.max());
        text.append(say.text("grade.details.summary", markdown ? "**" + points + "**" : points,
                markdown ? escape(state(grade)) : state(grade))).append('\n');
        if (grade.problem() != null) {
            return text.append('\n').append(say.text("grade.details.keepMarkers")).append('\n').toString();
        }
        Checker.Result result = grade.result();
        if (result == null) {
            return text.toString();
        }
        switch (result.state()) {
            case NOT_STARTED -> text.append('\n').append(say.text("grade.details.notStarted", result.detail())).append('\n');
            case NEEDS_NEWER_JDK, NOT_RUN -> text.append('\n').append(block(result.detail(), markdown));
            case DOES_NOT_COMPILE -> text.append('\n').append(say.text("grade.details.doesNotCompile")).append("\n\n")
                    .append(block(result.detail(), markdown));
            case CRASHED -> text.append('\n').append(say.text(grade.stoppedAtBound() ? "grade.details.stoppedAtBound"
                    : "grade.details.couldNotFinish")).append("\n\n").append(block(result.detail(), markdown));
            case FAILING, WAITS_FOR -> {
                if (result.state() == Checker.State.WAITS_FOR) {
                    text.append('\n').append(say.text("grade.details.waitsFor", String.join(", ", result.waitsFor())))
                            .append('\n');
                }
                text.append('\n').append(say.text("grade.details.failing")).append('\n');
                for (Checker.Failure failure : result.failures()) {
                    String test = markdown ? escape(failure.test()) : failure.test();
                    text.append("\n- ").append(failure.what().contains("timed out after")
                                    ? say.text("grade.details.testAtBound", test) : test).append("\n\n")
                            .append(indented(block(failure.what(), markdown)));
                }
            }
            default -> {
            }
        }
        return text.toString();
    }

    // The results file's texts (Gradescope's results.json).

    String resultsOutput(ClassGrader.StudentGrade grade) {
        if (grade.error() != null) {
            return say.text("grade.results.nothing", grade.error());
        }
        StringBuilder text = new StringBuilder(say.text("grade.results.summary", grade.points(), max, grade.done(),
                grade.exercises().size()));
        if (!grade.ignored().isEmpty()) {
            text.append('\n').append(say.text("grade.results.notGraded", grade.ignored().stream().map(this::ignored)
                    .collect(Collectors.joining(say.text("grade.list.separator")))));
        }
        return text.toString();
    }

    // Helpers.

    private static String block(String text, boolean markdown) {
        if (!markdown) {
            return "    " + text.replace("\n", "\n    ") + "\n";
        }
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + "text\n" + text + "\n" + fence + "\n";
    }

    private static String indented(String text) {
        return text.lines().map(l -> l.isEmpty() ? l : "  " + l).collect(Collectors.joining("\n")) + "\n";
    }

    /** Text in Markdown, outside a code block: the characters that would format it, escaped. */
    static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1").replace("\n", " ");
    }
}
