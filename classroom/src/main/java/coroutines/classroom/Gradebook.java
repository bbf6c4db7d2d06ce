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

/**
 * What grading a class writes: {@code gradebook.csv} (one row per student, one column of points per
 * exercise, the total, and notes; RFC 4180), {@code feedback/NAME.md} (the page to hand back), and
 * {@code results/NAME.json} in Gradescope's {@code results.json} format, the autograder format most
 * tools read (one test per exercise, with its score, maximum, status and output).
 */
final class Gradebook {

    static final String CSV = "gradebook.csv";
    static final String FEEDBACK = "feedback";
    static final String RESULTS = "results";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Catalogue.Exercise> exercises;
    private final int max;

    /** @param exercises the exercises graded: the gradebook's columns */
    Gradebook(List<Catalogue.Exercise> exercises) {
        this.exercises = exercises;
        this.max = ClassGrader.max(exercises);
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
            Files.writeString(dir.resolve(FEEDBACK).resolve(grade.name() + ".md"), GradeWords.feedback(grade, max),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RESULTS).resolve(grade.name() + ".json"),
                    JSON.writeValueAsString(results(grade)) + "\n", StandardCharsets.UTF_8);
        }
    }

    /** The gradebook: a header, then one row per student; fields quoted as RFC 4180 says, lines ended by CRLF. */
    String csv(List<ClassGrader.StudentGrade> grades) {
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student"));
        exercises.forEach(e -> header.add(e.id()));
        header.addAll(List.of("total", "max", "notes"));
        row(text, header);
        for (ClassGrader.StudentGrade grade : grades) {
            List<String> fields = new ArrayList<>(List.of(grade.name()));
            grade.exercises().forEach(e -> fields.add(String.valueOf(e.points())));
            fields.addAll(List.of(String.valueOf(grade.points()), String.valueOf(max), GradeWords.notes(grade)));
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
        root.put("output", GradeWords.resultsOutput(grade, max));
        root.put("visibility", "visible");
        ArrayNode tests = root.putArray("tests");
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            ObjectNode test = tests.addObject();
            test.put("name", GradeWords.testName(exercise.exercise()));
            test.put("number", exercise.exercise().id());
            test.put("score", exercise.points());
            test.put("max_score", exercise.max());
            test.put("status", exercise.done() ? "passed" : "failed");
            test.put("output", grade.error() != null ? GradeWords.resultsOutput(grade, max)
                    : GradeWords.details(exercise, false));
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
}
