package coroutines.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The exercise catalogue, {@code classroom/exercises.conf}: every exercise in the order a student
 * does them, with what to write and where, the article passage it re-tells, its hints and its
 * tests, and the points it counts for. What a student reads is there in English and in Chinese
 * ({@code title.zh:}, ...), refused when read if one language lacks it, so the two stay in step.
 * The solution itself is not here but in the lesson code, between markers (see
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
     * @param texts   what a student reads about it, in each language
     * @param tests   the test classes, each tagged {@code exercise-ID}
     * @param needs   exercises whose code this one's calls: do them first
     * @param jdk     the oldest JDK its module builds on
     * @param points  what it counts for in a grade
     */
    public record Exercise(String id, String module, String where, Map<Lang, Text> texts, List<String> tests,
                           List<String> needs, int jdk, int points) {

        public Exercise {
            texts = Map.copyOf(texts);
            for (Lang lang : Lang.values()) {
                if (!texts.containsKey(lang)) {
                    throw new IllegalArgumentException("exercise " + id + " has no text in " + lang);
                }
            }
        }

        public String title(Lang lang) {
            return texts.get(lang).title();
        }

        public String write(Lang lang) {
            return texts.get(lang).write();
        }

        public List<String> hints(Lang lang) {
            return texts.get(lang).hints();
        }

        public String article(Lang lang) {
            return texts.get(lang).article();
        }

        /** In English, as every caller before the Chinese classroom read it. */
        public String title() {
            return title(Lang.EN);
        }

        /** In English. */
        public String write() {
            return write(Lang.EN);
        }

        /** In English. */
        public List<String> hints() {
            return hints(Lang.EN);
        }

        /** In English. */
        public String article() {
            return article(Lang.EN);
        }

        /** The JUnit tag on its tests. */
        public String tag() {
            return "exercise-" + id;
        }

        /** The message its stub throws starts with this; a student's code left as the stub still says it. */
        public String notDoneMessage() {
            return "exercise " + id + " is not done yet";
        }
    }

    /**
     * What a student reads about an exercise, in one language: {@code title:}, {@code write:},
     * {@code article:} and the {@code hint:} lines, or the same fields ending in {@code .zh}.
     */
    public record Text(String title, String write, String article, List<String> hints) {
        public Text {
            hints = List.copyOf(hints);
        }
    }

    /** The fields every exercise has in each language; the others are said once. */
    static final List<String> TRANSLATED = List.of("title", "write", "article", "hint");

    private static final List<String> KNOWN = known();

    private static List<String> known() {
        List<String> known = new ArrayList<>(List.of("title", "module", "where", "write", "article", "hint", "tests",
                "needs", "jdk", "points"));
        for (Lang lang : Lang.values()) {
            if (lang != Lang.EN) {
                TRANSLATED.forEach(key -> known.add(lang.field(key)));
            }
        }
        return List.copyOf(known);
    }

    public static Catalogue read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A field's value, and the line it started on, for error messages. */
    private record Field(String value, int line) {
    }

    /** Parses the catalogue's lines; {@code source} names the file in error messages. */
    public static Catalogue parse(List<String> lines, String source) {
        List<Exercise> exercises = new ArrayList<>();
        String id = null;
        int startLine = 0;
        Map<String, List<Field>> fields = new LinkedHashMap<>();
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
                // Chinese has no space between words, so a Chinese line goes on without one.
                List<Field> values = fields.get(lastKey);
                Field last = values.get(values.size() - 1);
                String joint = endsOrStartsWithCjk(last.value(), trimmed) ? "" : " ";
                values.set(values.size() - 1, new Field(last.value() + joint + trimmed, last.line()));
            } else {
                int colon = line.indexOf(':');
                if (id == null || colon < 0) {
                    throw new IllegalArgumentException(source + ":" + n + ": expected 'exercise ID' or 'field: value',"
                            + " found '" + trimmed + "'");
                }
                lastKey = line.substring(0, colon).strip();
                fields.computeIfAbsent(lastKey, key -> new ArrayList<>()).add(new Field(line.substring(colon + 1).strip(), n));
            }
        }
        if (id != null) {
            exercises.add(build(id, fields, source, startLine));
        }
        Catalogue catalogue = new Catalogue(List.copyOf(exercises));
        catalogue.requireUniqueIdsAndKnownNeeds(source);
        return catalogue;
    }

    private static boolean endsOrStartsWithCjk(String before, String after) {
        return !before.isEmpty() && !after.isEmpty()
                && (isCjk(before.codePointBefore(before.length())) || isCjk(after.codePointAt(0)));
    }

    /** A Han character or CJK punctuation (，。：“” and the full-width forms). */
    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return script == Character.UnicodeScript.HAN || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || (codePoint >= 0x201C && codePoint <= 0x201D);
    }

    private static Exercise build(String id, Map<String, List<Field>> fields, String source, int line) {
        if (!id.matches("\\d+\\.\\d+")) {
            throw new IllegalArgumentException(source + ":" + line + ": the id '" + id + "' is not STAGE.NUMBER, e.g. 3.2");
        }
        Where at = new Where(source, id, line);
        for (Map.Entry<String, List<Field>> field : fields.entrySet()) {
            int fieldLine = field.getValue().get(0).line();
            if (field.getKey().equals("wrong")) {
                throw new IllegalArgumentException(at.line(fieldLine) + ": wrong answers are code now, not a 'wrong:' line:"
                        + " one file each in " + Answers.DIRECTORY + "/" + id + "/wrong-SLUG.answer (docs/teaching.md,"
                        + " Answers as code)");
            }
            if (!KNOWN.contains(field.getKey())) {
                throw new IllegalArgumentException(at.line(fieldLine) + ": unknown field '" + field.getKey()
                        + "' (the fields are " + KNOWN + ")");
            }
        }
        List<Field> hints = fields.getOrDefault("hint", List.of());
        if (hints.isEmpty() || hints.size() > 3) {
            throw new IllegalArgumentException(at + ": give one to three hints, not " + hints.size());
        }
        Map<Lang, Text> texts = new java.util.EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            List<Field> translated = fields.getOrDefault(lang.field("hint"), List.of());
            if (translated.size() != hints.size()) {
                throw new IllegalArgumentException(at.line(translated.isEmpty() ? line : translated.get(0).line()) + ": "
                        + hints.size() + " 'hint:' lines but " + translated.size() + " '" + lang.field("hint") + ":'"
                        + " lines: each hint is given in every language, in the same order");
            }
            for (Field hint : translated) {
                if (hint.value().isEmpty()) {
                    throw new IllegalArgumentException(at.line(hint.line()) + ": an empty '" + lang.field("hint") + ":' line");
                }
            }
            texts.put(lang, new Text(one(fields, lang.field("title"), at), one(fields, lang.field("write"), at),
                    one(fields, lang.field("article"), at), translated.stream().map(Field::value).toList()));
        }
        List<String> tests = splitList(fields.get("tests"));
        if (tests.isEmpty()) {
            throw new IllegalArgumentException(at + ": name its test classes with 'tests:'");
        }
        int jdk = fields.containsKey("jdk") ? positive(fields, "jdk", at) : 17;
        return new Exercise(id, one(fields, "module", at), one(fields, "where", at), texts, tests,
                splitList(fields.get("needs")), jdk, positive(fields, "points", at));
    }

    /** Where in the catalogue an exercise is: {@code exercises.conf:12: exercise 1.2}, or one of its lines. */
    private record Where(String source, String id, int line) {
        String line(int n) {
            return source + ":" + n + ": exercise " + id;
        }

        @Override
        public String toString() {
            return line(line);
        }
    }

    private static String one(Map<String, List<Field>> fields, String key, Where at) {
        List<Field> values = fields.get(key);
        if (values == null) {
            throw new IllegalArgumentException(at + ": needs exactly one '" + key + ":' line, and has none");
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException(at.line(values.get(1).line()) + ": needs exactly one '" + key + ":' line,"
                    + " and this is another");
        }
        if (values.get(0).value().isEmpty()) {
            throw new IllegalArgumentException(at.line(values.get(0).line()) + ": '" + key + ":' is empty");
        }
        return values.get(0).value();
    }

    private static int positive(Map<String, List<Field>> fields, String key, Where at) {
        String value = one(fields, key, at);
        int line = fields.get(key).get(0).line();
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // said below, with the line
        }
        throw new IllegalArgumentException(at.line(line) + ": '" + key + ":' takes a whole number above 0, not '" + value + "'");
    }

    private static List<String> splitList(List<Field> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> List.of(v.value().split("[,\\s]+")).stream()).filter(s -> !s.isEmpty()).toList();
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

    /** The points of every exercise together: what a copy with all of them done scores. */
    public int totalPoints() {
        return exercises.stream().mapToInt(Exercise::points).sum();
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
