package coroutines.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Grading by transplant: what a student wrote between each exercise's {@code BEGIN EXERCISE} and
 * {@code END EXERCISE} lines is taken out of their copy, to be put into the teacher's own copy;
 * nothing else of theirs is used. It also says, per exercise, why its code could not be taken (the
 * file is gone or renamed, the lines were deleted or unbalanced), and names every file of the
 * student's that differs from the copy the teacher handed out, which is not graded.
 */
final class Transplant {

    /** Build output, version control, hint progress and editors' files: never compared, never named. */
    private static final Set<String> IGNORED_FOLDERS = Set.of("target", ".git", ".classroom", ".idea", ".vscode",
            ".settings", "__MACOSX", ".gradle", "out", "bin");
    private static final Set<String> IGNORED_FILES = Set.of(".DS_Store", "Thumbs.db", ".project", ".classpath");

    /** How a student's file differs from the teacher's copy. */
    enum Change { CHANGED, ADDED, DELETED }

    /** A file of the student's that differs from the teacher's copy, relative to the copy's root. */
    record Ignored(String path, Change change) {
    }

    /**
     * What was taken from one student's copy.
     *
     * @param answers  each exercise whose code could be taken, as an answer (its region bodies, numbered as
     *                 {@link Answers} numbers them)
     * @param problems each exercise whose code could not be taken, with why
     * @param ignored  the files that differ from the teacher's copy outside the exercises' regions
     */
    record Taken(Map<String, Answers.Answer> answers, Map<String, String> problems, List<Ignored> ignored) {
    }

    /** The directory is not a student copy of this repository at all. */
    static final class NotACopy extends IOException {
        NotACopy(String message) {
            super(message);
        }
    }

    /** One region of the teacher's copy: the file that holds it, relative, and the exercise's id. */
    private record Place(Path file, String id) {
    }

    private final Map<Path, byte[]> handedOut;
    /** The language of why an exercise's code could not be taken. */
    private final Messages say;
    private final List<Place> places = new ArrayList<>();
    private final Set<Path> regionFiles = new LinkedHashSet<>();

    /**
     * @param handedOut the teacher's student copy, every exercise a stub ({@link StudentCopy#render}),
     *                  in the order its files were rendered (sorted by path)
     */
    Transplant(Map<Path, byte[]> handedOut) {
        this(handedOut, Lang.EN);
    }

    /** @param lang the language of the problems it finds, as the grader speaks it */
    Transplant(Map<Path, byte[]> handedOut, Lang lang) {
        this.handedOut = handedOut;
        this.say = Messages.of(lang);
        for (Map.Entry<Path, byte[]> file : handedOut.entrySet()) {
            if (!file.getKey().toString().endsWith(".java")) {
                continue; // a JShell script's regions are the teacher's; answers number .java regions only
            }
            for (SolutionMarkers.Bounded region : SolutionMarkers.bounds(lines(file.getValue())).regions()) {
                places.add(new Place(file.getKey(), region.id()));
                regionFiles.add(file.getKey());
            }
        }
    }

    /** Whether {@code dir} looks like a copy of this repository: the catalogue, the copy's note, or a file with exercises. */
    boolean looksLikeCopy(Path dir) {
        if (Files.isRegularFile(dir.resolve(Catalogue.FILE)) || Files.isRegularFile(dir.resolve(StudentCopy.NOTE))) {
            return true;
        }
        return regionFiles.stream().anyMatch(file -> Files.isRegularFile(dir.resolve(file)));
    }

    /** Takes every exercise's code out of the student's copy in {@code student}. */
    Taken take(Path student, Catalogue catalogue) throws IOException {
        if (!looksLikeCopy(student)) {
            throw new NotACopy(say.text("grade.noCopyFiles", Catalogue.FILE));
        }
        Map<Path, SolutionMarkers.Bounds> bounds = new LinkedHashMap<>();
        Map<String, Map<Integer, List<String>>> bodies = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, Integer> taken = new LinkedHashMap<>();
        Map<Place, Integer> seenInFile = new LinkedHashMap<>();
        for (Place place : places) {
            String id = place.id();
            if (problems.containsKey(id)) {
                continue;
            }
            Path file = student.resolve(place.file());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.put(id, say.text("grade.fileMissing", slashed(place.file())));
                continue;
            }
            SolutionMarkers.Bounds found = bounds.computeIfAbsent(place.file(), f -> readBounds(file));
            if (found.broken().containsKey(id)) {
                problems.put(id, say.text("grade.markersUnbalanced", slashed(place.file()), found.broken().get(id)));
                continue;
            }
            // The n-th region of this exercise in this file is the n-th of the teacher's there.
            int before = seenInFile.merge(place, 1, Integer::sum) - 1;
            List<SolutionMarkers.Bounded> theirs = found.regions().stream().filter(r -> r.id().equals(id)).toList();
            long expected = places.stream().filter(p -> p.id().equals(id) && p.file().equals(place.file())).count();
            if (theirs.size() != expected) {
                problems.put(id, say.text("grade.markersMissing", slashed(place.file()), theirs.size(), expected, id));
                continue;
            }
            int number = taken.merge(id, 1, Integer::sum);
            bodies.computeIfAbsent(id, i -> new LinkedHashMap<>()).put(number, theirs.get(before).body());
        }
        Map<String, Answers.Answer> answers = new LinkedHashMap<>();
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            String id = exercise.id();
            if (bodies.containsKey(id) && !problems.containsKey(id)) {
                answers.put(id, new Answers.Answer(id, "student", Answers.Kind.RIGHT, "the student's code", null,
                        Map.copyOf(bodies.get(id)), null));
            }
        }
        return new Taken(answers, problems, ignored(student));
    }

    /** The student's files that differ from the teacher's copy, outside the exercises' regions: none of it is graded. */
    List<Ignored> ignored(Path student) throws IOException {
        Set<Path> theirs = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(student)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(student::relativize).filter(p -> handedOut.containsKey(p) || !ignoredByName(p)).forEach(theirs::add);
        }
        List<Ignored> ignored = new ArrayList<>();
        for (Path file : theirs) {
            byte[] teachers = handedOut.get(file);
            if (file.equals(Path.of(StudentCopy.NOTE))) {
                continue; // written with the copy; says what it is, and is not the lesson
            }
            if (teachers == null) {
                ignored.add(new Ignored(slashed(file), Change.ADDED));
            } else if (Files.isSymbolicLink(student.resolve(file))
                    || !same(teachers, Files.readAllBytes(student.resolve(file)), regionFiles.contains(file))) {
                ignored.add(new Ignored(slashed(file), Change.CHANGED));
            }
        }
        for (Path file : handedOut.keySet()) {
            if (!theirs.contains(file)) {
                ignored.add(new Ignored(slashed(file), Change.DELETED));
            }
        }
        ignored.sort(java.util.Comparator.comparing(Ignored::path));
        return List.copyOf(ignored);
    }

    /** Whether a path lies in build output, version control or an editor's folder, or is such a file. */
    static boolean ignoredByName(Path relative) {
        for (Path part : relative) {
            if (IGNORED_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        String name = relative.getFileName().toString();
        return IGNORED_FILES.contains(name) || name.endsWith(".iml");
    }

    /** The same file, line endings aside; a file with exercises is compared outside their regions only. */
    private static boolean same(byte[] teachers, byte[] students, boolean withRegions) {
        if (Arrays.equals(teachers, students)) {
            return true;
        }
        if (!withRegions) {
            return unixLines(teachers).equals(unixLines(students));
        }
        return outside(lines(teachers)).equals(outside(lines(students)));
    }

    /** A file's lines with every exercise's body taken out (its two bounds kept); all of it if a bound is broken. */
    private static List<String> outside(List<String> lines) {
        SolutionMarkers.Bounds bounds = SolutionMarkers.bounds(lines);
        if (!bounds.broken().isEmpty()) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines);
        List<SolutionMarkers.Bounded> regions = new ArrayList<>(bounds.regions());
        java.util.Collections.reverse(regions);
        for (SolutionMarkers.Bounded region : regions) {
            kept.subList(region.beginLine(), region.endLine() - 1).clear();
        }
        return kept;
    }

    private SolutionMarkers.Bounds readBounds(Path file) {
        try {
            return SolutionMarkers.bounds(lines(Files.readAllBytes(file)), say.lang());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    private static String unixLines(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
