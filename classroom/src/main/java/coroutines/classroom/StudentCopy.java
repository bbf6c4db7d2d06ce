package coroutines.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the student copy: the whole repository, buildable, with every marked region replaced by
 * its stub between the exercise's bounds (the lines the grader finds), and no solution text left (checked on what was written, not assumed). The copy is
 * computed in memory first, so a bad marker stops it before anything is written.
 */
public final class StudentCopy {

    /** Written into every copy: what it is, so that tools and tests can tell it from the reference. */
    public static final String NOTE = "classroom/STUDENT-COPY.md";

    /** Left out of every copy: the teacher's CI proof and answers, build output, a student's hint progress. */
    private static final List<String> LEFT_OUT = List.of(".git/", ".ci/", "target/", ".classroom/", ".idea/", ".vscode/",
            Answers.DIRECTORY + "/");

    private final Path reference;
    private final Catalogue catalogue;

    public StudentCopy(Path reference, Catalogue catalogue) {
        this.reference = reference;
        this.catalogue = catalogue;
    }

    /**
     * Writes the copy into {@code target}, which must not exist or be empty.
     *
     * @param stubbed the exercises to stub: all of them for students; one, for a teacher's proof
     * @return the files written, relative to the copy
     */
    public List<Path> write(Path target, Set<String> stubbed) throws IOException {
        return write(target, stubbed, Map.of());
    }

    /**
     * As {@link #write(Path, Set)}, with the exercises in {@code answered} written as those answers
     * say: a copy solved by a teacher's correct answers, which must pass every test as the reference does.
     */
    public List<Path> write(Path target, Set<String> stubbed, Map<String, Answers.Answer> answered) throws IOException {
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new IllegalArgumentException(target + " exists and is not an empty directory: the copy goes into a"
                    + " new or empty directory, so that nothing of yours is overwritten; nothing was written");
        }
        for (String id : stubbed) {
            catalogue.get(id);
        }
        Map<Path, byte[]> files = render(stubbed, answered);
        String what = answered.isEmpty()
                ? " exercises " + String.join(", ", new java.util.TreeSet<>(stubbed)) + " are stubs for you to write."
                : " exercises " + String.join(", ", new java.util.TreeSet<>(answered.keySet()))
                        + " are solved by the teacher's correct answers in other shapes than the reference (classroom/answers).";
        files.put(Path.of(NOTE), ("# A student copy\n\nMade with `./run student-copy` from the reference repository:"
                + what + " Start with `./run exercises`; [docs/exercises.md](../docs/exercises.md) says how.\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(target);
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            Path to = target.resolve(file.getKey());
            Files.createDirectories(to.getParent());
            Files.write(to, file.getValue());
            if (Files.exists(reference.resolve(file.getKey()))) {
                keepExecutable(reference.resolve(file.getKey()), to);
            }
        }
        List<String> leftovers = leftovers(target, stubbed);
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("the copy in " + target + " still shows solution text, which it must not:\n  "
                    + String.join("\n  ", leftovers));
        }
        return List.copyOf(files.keySet());
    }

    /** Every file of the copy with its content, relative path first. */
    Map<Path, byte[]> render(Set<String> stubbed) throws IOException {
        return render(stubbed, Map.of());
    }

    /**
     * Every file of the copy, with the exercises in {@code answered} written as those answers say
     * (regions an answer does not give keep the reference), and those in {@code stubbed} as stubs.
     */
    Map<Path, byte[]> render(Set<String> stubbed, Map<String, Answers.Answer> answered) throws IOException {
        return render(stubbed, answered, false);
    }

    /**
     * As above; with {@code bounded}, each answered region keeps the exercise's bounds around it, as
     * in the student's file: the grader's copy, whose line numbers are then the student's.
     */
    Map<Path, byte[]> render(Set<String> stubbed, Map<String, Answers.Answer> answered, boolean bounded) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        // An exercise's regions are numbered across files in this (sorted) order, as answer files count them.
        Map<String, Integer> regionsSeen = new java.util.HashMap<>();
        Set<String> marked = new TreeSet<>();
        for (Path relative : referenceFiles()) {
            byte[] bytes = Files.readAllBytes(reference.resolve(relative));
            String name = relative.getFileName().toString();
            SolutionMarkers.Syntax syntax = SolutionMarkers.Syntax.of(name);
            if (syntax != null) {
                List<String> lines = text(bytes).lines().toList();
                List<SolutionMarkers.Region> regions = SolutionMarkers.regions(lines, syntax, relative.toString());
                if (regions.isEmpty()) {
                    files.put(relative, bytes);
                    continue;
                }
                if (syntax == SolutionMarkers.Syntax.CODE) {
                    regions.forEach(r -> marked.add(r.id()));
                }
                boolean lessonCode = relative.toString().endsWith(".java");
                // A page's passage about an answered exercise is left out, as in every student copy: it
                // shows how the reference wrote it (a stack trace's frames), which an answer may not.
                Set<String> leftOut = stubbed;
                if (syntax == SolutionMarkers.Syntax.MARKDOWN && !answered.isEmpty()) {
                    leftOut = new java.util.HashSet<>(stubbed);
                    leftOut.addAll(answered.keySet());
                }
                List<String> out = SolutionMarkers.transform(lines, syntax, relative.toString(), leftOut,
                        id -> catalogue.get(id).title(), region -> {
                            if (!lessonCode) {
                                return null; // a JShell script keeps the reference's text
                            }
                            int number = regionsSeen.merge(region.id(), 1, Integer::sum);
                            Answers.Answer answer = answered.get(region.id());
                            return answer == null ? null : answer.regions().get(number);
                        }, bounded);
                bytes = (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8);
            }
            files.put(relative, bytes);
        }
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            if (!marked.contains(exercise.id())) {
                throw new IllegalStateException("exercise " + exercise.id() + " is in " + Catalogue.FILE
                        + " but no lesson code is marked with // BEGIN SOLUTION " + exercise.id());
            }
        }
        return files;
    }

    /**
     * What a finished copy must not hold: a marker line, or a line of a stubbed region's solution
     * (short lines, such as a lone brace, and lines that unmarked code also has, say nothing and are not counted).
     */
    List<String> leftovers(Path copy, Set<String> stubbed) throws IOException {
        Set<String> solutionLines = new HashSet<>();
        Set<String> commonLines = new HashSet<>();
        for (Path relative : referenceFiles()) {
            SolutionMarkers.Syntax syntax = SolutionMarkers.Syntax.of(relative.getFileName().toString());
            if (syntax == null) {
                continue;
            }
            List<String> lines = text(Files.readAllBytes(reference.resolve(relative))).lines().toList();
            List<SolutionMarkers.Region> regions = SolutionMarkers.regions(lines, syntax, relative.toString());
            Set<Integer> inRegion = new HashSet<>();
            for (SolutionMarkers.Region region : regions) {
                for (int n = region.firstLine(); n <= region.lastLine(); n++) {
                    inRegion.add(n);
                }
                // A doc's region quotes code; the code's own regions hold the lines to look for.
                if (stubbed.contains(region.id()) && syntax == SolutionMarkers.Syntax.CODE) {
                    region.solution().stream().map(String::strip).filter(StudentCopy::saysSomething).forEach(solutionLines::add);
                } else if (syntax == SolutionMarkers.Syntax.CODE) {
                    // A region left solved (a copy with --only) is the copy's own code, as unmarked code is.
                    region.solution().forEach(line -> commonLines.add(line.strip()));
                }
            }
            // The same line in unmarked lesson code (stage 2 calls run.connected(host) as stage 3's answer
            // does) is that code's own; quoted in a doc, it is a leak.
            for (int n = 1; syntax == SolutionMarkers.Syntax.CODE && n <= lines.size(); n++) {
                if (!inRegion.contains(n)) {
                    commonLines.add(lines.get(n - 1).strip());
                }
            }
        }
        solutionLines.removeAll(commonLines);
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String content;
                try {
                    content = strictText(Files.readAllBytes(file));
                } catch (CharacterCodingException binary) {
                    continue;
                }
                List<String> lines = content.lines().toList();
                for (int n = 1; n <= lines.size(); n++) {
                    String line = lines.get(n - 1);
                    SolutionMarkers.Syntax syntax = SolutionMarkers.Syntax.of(file.getFileName().toString());
                    boolean marker = syntax != null && SolutionMarkers.looksLikeMarker(line, syntax);
                    if (marker || solutionLines.contains(line.strip())) {
                        found.add(copy.relativize(file) + ":" + n + ": " + line.strip());
                    }
                }
            }
        }
        return found;
    }

    /** A line long enough to give something away: not a brace, a bare return or a blank. */
    private static boolean saysSomething(String line) {
        return line.length() >= 12;
    }

    /** The reference's files: what git tracks or would track (so a new, uncommitted exercise counts), else a walk. */
    List<Path> referenceFiles() throws IOException {
        List<Path> files = Files.isDirectory(reference.resolve(".git")) ? gitFiles() : walkedFiles();
        return files.stream()
                .filter(p -> LEFT_OUT.stream().noneMatch(prefix -> (p.toString().replace('\\', '/') + "/").startsWith(prefix)
                        || p.toString().replace('\\', '/').contains("/" + prefix)))
                .filter(p -> Files.isRegularFile(reference.resolve(p)))
                .sorted().toList();
    }

    private List<Path> gitFiles() throws IOException {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(reference.toFile()).redirectErrorStream(true).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (git.waitFor() != 0) {
                return walkedFiles();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while git listed the files", e);
        }
        return Stream.of(listing.split("\0")).filter(s -> !s.isEmpty()).map(Path::of).distinct().toList();
    }

    private List<Path> walkedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(reference)) {
            return walk.filter(Files::isRegularFile).map(reference::relativize).toList();
        }
    }

    private static void keepExecutable(Path from, Path to) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
            Files.setPosixFilePermissions(to, permissions);
        } catch (UnsupportedOperationException notPosix) {
            to.toFile().setExecutable(from.toFile().canExecute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String strictText(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
