package coroutines.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The exercise catalogue, {@code classroom/exercises.conf}: every exercise in the order a student
 * does them, with what to write and where, the article passage it re-tells, its hints and its
 * tests. The solution itself is not here but in the lesson code, between markers (see
 * {@link SolutionMarkers}); this file says only what the student is asked.

 */
public record Catalogue(List<Exercise> exercises) {

    /** Where the catalogue lives, relative to the repository's root. */
    public static final String FILE = "classroom/exercises.conf";

    /**
     * One exercise.
     *
     * @param id      {@code 3.2}: the stage, then its place in the stage's order
     * @param module  the Maven module whose tests check it (a stage, or a library a stage uses)
     * @param where   the file and method the student writes
     * @param tests   the test classes, each tagged {@code exercise-ID}
     * @param needs   exercises whose code this one's calls: do them first
     * @param jdk     the oldest JDK its module builds on
     */
    public record Exercise(String id, String title, String module, String where, String write, String article,
                           List<String> hints, List<String> tests, List<String> needs, int jdk) {

        /** The JUnit tag on its tests. */
        public String tag() {
            return "exercise-" + id;
        }

        /** The message its stub throws starts with this; a student's code left as the stub still says it. */
        public String notDoneMessage() {
            return "exercise " + id + " is not done yet";
        }
    }

    public static Catalogue read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the catalogue's lines; {@code source} names the file in error messages. */
    public static Catalogue parse(List<String> lines, String source) {
        List<Exercise> exercises = new ArrayList<>();
        String id = null;
        int startLine = 0;
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String lastKey = null;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (line.startsWith("exercise ")) {
                if (id != null) {
                    exercises.add(build(id, fields, source, startLine));
                }
                id = trimmed.substring("exercise ".length()).strip();
                startLine = n;
                fields = new LinkedHashMap<>();
                lastKey = null;
            } else if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                // A continuation: the field's last value goes on, as a sentence does across a line break.
                List<String> values = fields.get(lastKey);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + trimmed);
            } else {
                int colon = line.indexOf(':');
                if (id == null || colon < 0) {
                    throw new IllegalArgumentException(source + ":" + n + ": expected 'exercise ID' or 'field: value',"
                            + " found '" + trimmed + "'");
                }
                lastKey = line.substring(0, colon).strip();
                fields.computeIfAbsent(lastKey, key -> new ArrayList<>()).add(line.substring(colon + 1).strip());
            }
        }
        if (id != null) {
            exercises.add(build(id, fields, source, startLine));
        }
        Catalogue catalogue = new Catalogue(List.copyOf(exercises));
        catalogue.requireUniqueIdsAndKnownNeeds(source);
        return catalogue;
    }

    private static Exercise build(String id, Map<String, List<String>> fields, String source, int line) {
        if (!id.matches("\\d+\\.\\d+")) {
            throw new IllegalArgumentException(source + ":" + line + ": the id '" + id + "' is not STAGE.NUMBER, e.g. 3.2");
        }
        String where = source + ":" + line + ": exercise " + id;
        List<String> known = List.of("title", "module", "where", "write", "article", "hint", "tests", "needs", "jdk");
        for (String key : fields.keySet()) {
            if (key.equals("wrong")) {
                throw new IllegalArgumentException(where + ": wrong answers are code now, not a 'wrong:' line: one file each in "
                        + Answers.DIRECTORY + "/" + id + "/wrong-SLUG.answer (docs/teaching.md, Answers as code)");
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown field '" + key + "' (the fields are " + known + ")");
            }
        }
        List<String> hints = fields.getOrDefault("hint", List.of());
        if (hints.isEmpty() || hints.size() > 3) {
            throw new IllegalArgumentException(where + ": give one to three hints, not " + hints.size());
        }
        List<String> tests = splitList(fields.get("tests"));
        if (tests.isEmpty()) {
            throw new IllegalArgumentException(where + ": name its test classes with 'tests:'");
        }
        return new Exercise(id, one(fields, "title", where), one(fields, "module", where), one(fields, "where", where),
                one(fields, "write", where), one(fields, "article", where), List.copyOf(hints), tests,
                splitList(fields.get("needs")),
                Integer.parseInt(Optional.ofNullable(fields.get("jdk")).map(v -> v.get(0)).orElse("17")));
    }

    private static String one(Map<String, List<String>> fields, String key, String where) {
        List<String> values = fields.get(key);
        if (values == null || values.size() != 1 || values.get(0).isEmpty()) {
            throw new IllegalArgumentException(where + ": needs exactly one '" + key + ":' line");
        }
        return values.get(0);
    }

    private static List<String> splitList(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> List.of(v.split("[,\\s]+")).stream()).filter(s -> !s.isEmpty()).toList();
    }

    private void requireUniqueIdsAndKnownNeeds(String source) {
        List<String> seen = new ArrayList<>();
        for (Exercise exercise : exercises) {
            if (seen.contains(exercise.id())) {
                throw new IllegalArgumentException(source + ": exercise " + exercise.id() + " is listed twice");
            }
            for (String need : exercise.needs()) {
                if (!seen.contains(need)) {
                    throw new IllegalArgumentException(source + ": exercise " + exercise.id() + " needs " + need
                            + ", which must come before it in the catalogue");
                }
            }
            seen.add(exercise.id());
        }
    }

    /** The exercise with this id, or an error a student can act on: every id there is. */
    public Exercise get(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownExercise("there is no exercise " + id + "; the exercises are "
                        + ids() + " (./run exercises lists them with their titles)"));
    }

    /** The stage an exercise belongs to: what comes before the dot of its id. */
    public static String stageOf(String id) {
        return id.substring(0, id.indexOf('.'));
    }

    public String ids() {
        return exercises.stream().map(Exercise::id).collect(Collectors.joining(", "));
    }

    /** An id the catalogue does not have. */
    public static final class UnknownExercise extends IllegalArgumentException {
        UnknownExercise(String message) {
            super(message);
        }
    }
}
