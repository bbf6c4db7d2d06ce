package coroutines.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The teacher's answers, as code: for each exercise, wrong answers its tests must fail and correct
 * answers in other shapes than the reference that they must pass. They live in
 * {@code classroom/answers/ID/}, never in a student copy, and {@code ./run prove} applies each one.
 *
 * <p>A file {@code wrong-SLUG.answer} or {@code right-SLUG.answer} holds header lines starting with
 * {@code # } (the first says what the answer does; {@code # not caught: WHY} marks a wrong answer the
 * tests cannot catch), then {@code --- region N} sections: the whole body of the exercise's N-th marked
 * region (regions counted across files sorted by path, then by line). A region not given keeps the
 * reference.
 */
public final class Answers {

    /** Where the answers live, relative to the repository's root. */
    public static final String DIRECTORY = "classroom/answers";

    /** Whether the tests must fail it (a wrong answer) or pass it (a correct one). */
    public enum Kind { WRONG, RIGHT }

    /**
     * One answer to one exercise.
     *
     * @param name        the file's name without {@code .answer}, e.g. {@code wrong-one-read-only}
     * @param description its first header line: what the answer does
     * @param notCaught   why the tests cannot catch this wrong answer, or null if they must
     * @param regions     region number (from 1) to the body that replaces it
     */
    public record Answer(String exercise, String name, Kind kind, String description, String notCaught,
                         Map<Integer, List<String>> regions, Path file) {

        /** What the proof expects of the exercise's tests on this answer: pass or fail. */
        public boolean mustPass() {
            return kind == Kind.RIGHT || notCaught != null;
        }
    }

    private Answers() {
    }

    /** Every answer of every exercise, by exercise id, each exercise's sorted by name (wrong ones first). */
    public static Map<String, List<Answer>> read(Path root, Catalogue catalogue) throws IOException {
        Map<String, List<Answer>> all = new LinkedHashMap<>();
        Path directory = root.resolve(DIRECTORY);
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            Path folder = directory.resolve(exercise.id());
            List<Answer> answers = new ArrayList<>();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                        if (file.getFileName().toString().endsWith(".answer")) {
                            answers.add(parse(exercise.id(), file, Files.readAllLines(file, StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
            answers.sort(Comparator.comparing((Answer a) -> a.kind() == Kind.RIGHT).thenComparing(Answer::name));
            all.put(exercise.id(), List.copyOf(answers));
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> folders = Files.list(directory)) {
                for (Path folder : folders.filter(Files::isDirectory).toList()) {
                    if (!all.containsKey(folder.getFileName().toString())) {
                        throw new IllegalArgumentException(folder + " holds answers to exercise " + folder.getFileName()
                                + ", which the catalogue does not have (" + catalogue.ids() + ")");
                    }
                }
            }
        }
        return all;
    }

    /** Parses one answer file; an error names the file and line and says what is expected. */
    static Answer parse(String exercise, Path file, List<String> lines) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".answer".length());
        Kind kind;
        if (name.startsWith("wrong-")) {
            kind = Kind.WRONG;
        } else if (name.startsWith("right-")) {
            kind = Kind.RIGHT;
        } else {
            throw new IllegalArgumentException(file + ": an answer's name starts with wrong- or right-, not '" + name + "'");
        }
        String description = null;
        String notCaught = null;
        Map<Integer, List<String>> regions = new LinkedHashMap<>();
        List<String> body = null;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (body == null && line.startsWith("#")) {
                String header = line.substring(1).strip();
                if (description == null) {
                    description = header;
                } else if (header.startsWith("not caught:")) {
                    notCaught = header.substring("not caught:".length()).strip();
                }
            } else if (line.startsWith("--- region ")) {
                int number;
                try {
                    number = Integer.parseInt(line.substring("--- region ".length()).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": '--- region N' with N a number from 1, not '" + line + "'");
                }
                if (number < 1 || regions.containsKey(number)) {
                    throw new IllegalArgumentException(file + ":" + n + ": region " + number + " is given twice or is below 1");
                }
                body = new ArrayList<>();
                regions.put(number, body);
            } else if (body != null) {
                body.add(line);
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(file + ":" + n + ": expected '# ...' header lines, then '--- region 1'");
            }
        }
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException(file + ": the first line says what the answer does: '# ...'");
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException(file + ": no '--- region N' section: an answer replaces at least one region");
        }
        if (notCaught != null && kind == Kind.RIGHT) {
            throw new IllegalArgumentException(file + ": 'not caught' is said of wrong answers only");
        }
        regions.replaceAll((k, v) -> List.copyOf(v));
        return new Answer(exercise, name, kind, description, notCaught, Map.copyOf(regions), file);
    }
}
