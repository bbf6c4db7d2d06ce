package coroutines.classroom;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Grades a class: each sub-directory, {@code .zip} or {@code .tar.gz} of a class directory is one
 * student. The teacher's copy of the repository is written and built by Maven once; then each
 * student's exercise code is transplanted into it ({@link Transplant}), only the files that changed
 * are compiled, and each exercise's tests run on the {@link TestBench}, as the proof runs answers.
 * Everything is done in a work directory of its own, deleted at the end whatever happens; one
 * student's failure (an archive refused, not a copy, code that does not compile) is that student's
 * row, never the class's. It speaks one language throughout: the lines it prints, why a hand-in
 * could not be graded, the tests' failures, and what the {@link Gradebook} writes.
 */
final class ClassGrader {

    /** One exercise of one student: how it stands (or why its code could not be taken), and its points. */
    record ExerciseGrade(Catalogue.Exercise exercise, Checker.Result result, String problem, int points, int max) {

        boolean done() {
            return result != null && result.state() == Checker.State.DONE;
        }

        /** A test stopped at the exercise's own time bound, or the whole run at the test bench's. */
        boolean stoppedAtBound() {
            if (result == null) {
                return false;
            }
            return result.failures().stream().anyMatch(f -> f.what().contains("timed out after"))
                    || result.state() == Checker.State.CRASHED && TestBench.stoppedAtRunLimit(result.detail());
        }
    }

    /**
     * One student's row.
     *
     * @param name      the row's name, unique in the class and safe as a file name
     * @param source    what was graded: the folder or archive's name in the class directory
     * @param error     why nothing could be graded (not a copy, an archive refused), or null
     * @param seconds   how long grading this student took
     */
    record StudentGrade(String name, String source, List<ExerciseGrade> exercises, List<Transplant.Ignored> ignored,
                        String error, double seconds) {

        int points() {
            return exercises.stream().mapToInt(ExerciseGrade::points).sum();
        }

        long done() {
            return exercises.stream().filter(ExerciseGrade::done).count();
        }
    }

    /** A student to grade: the unique name, and the folder or archive. */
    private record Student(String name, Path source) {
    }

    /** A student between taking their code and running its tests. */
    private static final class Work {
        final Student student;
        /** Time spent on this student alone: unpacking and taking the code, then compiling and testing. */
        long nanos;
        Path copy;
        Transplant.Taken taken;
        String error;
        final Map<String, ExerciseGrade> decided = new LinkedHashMap<>();
        final List<Catalogue.Exercise> toRun = new ArrayList<>();

        Work(Student student) {
            this.student = student;
        }
    }

    private final Path root;
    private final Catalogue catalogue;
    private final PrintWriter out;
    private final int jobs;
    private final Lang lang;
    private final Messages say;
    private final StudentCopy copies;
    private final int jdk = Runtime.version().feature();

    /** @param lang the language of what it prints and writes, and of the tests' failures explained */
    ClassGrader(Path root, Catalogue catalogue, PrintWriter out, int jobs, Lang lang) {
        this.root = root;
        this.catalogue = catalogue;
        this.out = out;
        this.jobs = jobs;
        this.lang = lang;
        this.say = Messages.of(lang);
        this.copies = new StudentCopy(root, catalogue);
    }

    /** An exercise's points in the gradebook, as the catalogue gives them. */
    static int points(Catalogue.Exercise exercise) {
        return exercise.points();
    }

    /**
     * Grades every student of {@code classDir} (or the one copy it is) on the exercises given (all
     * if empty), writes the gradebook, feedback pages and results into {@code outDir}, and returns
     * the rows, in the class directory's order.
     *
     * @param workBase where the work directory is made (and deleted); nothing else is written there
     */
    List<StudentGrade> grade(Path classDir, List<String> only, Path outDir, Path workBase)
            throws IOException, InterruptedException {
        only.forEach(catalogue::get);
        List<Catalogue.Exercise> exercises = catalogue.exercises().stream()
                .filter(e -> only.isEmpty() || only.contains(e.id())).toList();
        if (!Files.isDirectory(classDir)) {
            throw new IllegalArgumentException(say.text("grade.notAClassDirectory", classDir));
        }
        Map<Path, byte[]> handedOut = copies.render(catalogue.exercises().stream().map(Catalogue.Exercise::id)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        Transplant transplant = new Transplant(handedOut, lang);
        List<Student> students = students(classDir, transplant);
        if (students.isEmpty()) {
            throw new IllegalArgumentException(say.text("grade.noStudents", classDir));
        }
        Files.createDirectories(workBase);
        Path work = Files.createTempDirectory(workBase, "grade-");
        List<StudentGrade> grades = new ArrayList<>();
        Gradebook gradebook = new Gradebook(exercises, lang);
        try {
            out.println(say.text("grade.grading", count("grade.students", students.size()), classDir,
                    count("grade.exercises", exercises.size())));
            List<Work> all = new ArrayList<>();
            for (Student student : students) {
                all.add(take(student, transplant, exercises, work.resolve("students").resolve(student.name())));
            }
            TestBench bench = null;
            Map<Path, byte[]> reference = null;
            if (all.stream().anyMatch(w -> !w.toRun.isEmpty())) {
                Path teacher = work.resolve("teacher");
                out.println(say.text("grade.building"));
                long started = System.nanoTime();
                copies.write(teacher, Set.of());
                reference = copies.render(Set.of());
                TestBench.build(teacher, work.resolve("build.log"));
                bench = new TestBench(teacher, lang);
                out.println(say.text("grade.built", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - started) / 1e9),
                        count("grade.students", jobs)));
            }
            out.println();
            out.println(row(say.text("grade.table.student"), say.text("grade.table.done"), say.text("grade.table.points"),
                    say.text("grade.table.notes")));
            ExecutorService runners = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
                Thread thread = new Thread(r, "grader");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<StudentGrade>> pending = new ArrayList<>();
                for (Work each : all) {
                    TestBench forAll = bench;
                    Map<Path, byte[]> solved = reference;
                    pending.add(runners.submit(() -> {
                        StudentGrade grade = run(each, forAll, solved, exercises, work.resolve("students").resolve(each.student.name()));
                        synchronized (out) {
                            out.println(row(grade.name(), grade.done() + "/" + exercises.size(),
                                    grade.points() + "/" + max(exercises), shortened(grade.error() != null ? grade.error()
                                            : gradebook.notDone(grade), 100)));
                        }
                        return grade;
                    }));
                }
                for (Future<StudentGrade> each : pending) {
                    try {
                        grades.add(each.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
                    }
                }
            } finally {
                runners.shutdownNow();
            }
        } finally {
            Proof.deleteTree(work);
        }
        gradebook.write(outDir, grades);
        out.println();
        out.println(say.text("grade.written", outDir.resolve(Gradebook.CSV), outDir.resolve(Gradebook.FEEDBACK),
                outDir.resolve(Gradebook.RESULTS)));
        return grades;
    }

    /** "1 student", "3 students": {@code key}.one or {@code key}.many. */
    private String count(String key, int n) {
        return say.text(key + (n == 1 ? ".one" : ".many"), n);
    }

    /** A line of the table printed while grading, its columns aligned as a terminal shows Chinese too. */
    private static String row(String student, String done, String points, String notes) {
        return "  " + Messages.padded(student, 24) + " " + Messages.padded(done, 8) + " " + Messages.padded(points, 8)
                + " " + notes;
    }

    private static String shortened(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    /** Unpacks the student's hand-in if it is an archive, takes their code, and decides what needs no test run. */
    private Work take(Student student, Transplant transplant, List<Catalogue.Exercise> exercises, Path dir) {
        Work work = new Work(student);
        long started = System.nanoTime();
        try {
            return takeTimed(work, transplant, exercises, dir);
        } finally {
            work.nanos += System.nanoTime() - started;
        }
    }

    private Work takeTimed(Work work, Transplant transplant, List<Catalogue.Exercise> exercises, Path dir) {
        Student student = work.student;
        try {
            Path copy = student.source();
            if (!Files.isDirectory(copy)) {
                Path unpacked = dir.resolve("unpacked");
                try {
                    Archives.extract(copy, unpacked);
                } catch (Archives.Refused refused) {
                    work.error = say.text("grade.archiveRefused", refused.getMessage());
                    return work;
                } catch (IOException | RuntimeException broken) {
                    work.error = say.text("grade.archiveBroken", broken.getMessage());
                    return work;
                }
                copy = unpacked;
            }
            copy = unwrap(copy, transplant);
            work.copy = copy;
            try {
                work.taken = transplant.take(copy, catalogue);
            } catch (Transplant.NotACopy notACopy) {
                work.error = say.text("grade.notACopy", notACopy.getMessage());
                return work;
            }
            for (Catalogue.Exercise exercise : exercises) {
                String problem = work.taken.problems().get(exercise.id());
                Answers.Answer answer = work.taken.answers().get(exercise.id());
                if (problem != null) {
                    work.decided.put(exercise.id(), new ExerciseGrade(exercise, null, problem, 0, points(exercise)));
                } else if (exercise.jdk() > jdk) {
                    work.decided.put(exercise.id(), new ExerciseGrade(exercise, new Checker.Result(exercise,
                            Checker.State.NEEDS_NEWER_JDK, 0, List.of(), say.text("grade.needsNewerJdk", exercise.jdk(), jdk)),
                            null, 0, points(exercise)));
                } else if (stubStillIn(exercise, answer)) {
                    work.decided.put(exercise.id(), new ExerciseGrade(exercise, new Checker.Result(exercise,
                            Checker.State.NOT_STARTED, 0, List.of(), say.text("grade.stubStillThere", exercise.notDoneMessage())), null, 0, points(exercise)));
                } else {
                    work.toRun.add(exercise);
                }
            }
        } catch (IOException | RuntimeException e) {
            work.error = couldNotGrade(e);
        }
        return work;
    }

    /** Runs the tests of the exercises a student started, in the teacher's copy with their code put in. */
    private StudentGrade run(Work work, TestBench teachers, Map<Path, byte[]> reference, List<Catalogue.Exercise> exercises,
                             Path dir) {
        long started = System.nanoTime();
        Map<String, ExerciseGrade> grades = new LinkedHashMap<>(work.decided);
        String error = work.error;
        if (error == null && !work.toRun.isEmpty()) {
            try {
                TestBench bench = new TestBench(teachers.copy(), lang);
                Set<String> broken = new HashSet<>(work.taken.problems().keySet());
                Map<Path, byte[]> files = copies.render(broken, work.taken.answers(), true);
                Map<String, List<Path>> changed = new LinkedHashMap<>();
                for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                    String path = file.getKey().toString().replace('\\', '/');
                    String module = path.substring(0, Math.max(0, path.indexOf('/')));
                    if (path.endsWith(".java") && path.contains("/src/main/java/")
                            && !Arrays.equals(file.getValue(), reference.get(file.getKey())) && reachedBy(bench, work.toRun, module)) {
                        Path source = dir.resolve("src").resolve(file.getKey());
                        Files.createDirectories(source.getParent());
                        Files.write(source, file.getValue());
                        changed.computeIfAbsent(module, m -> new ArrayList<>()).add(source);
                    }
                }
                TestBench.Compiled compiled = bench.compile(changed, Map.of(), dir.resolve("compiled"));
                Map<String, Checker.Result> results = bench.run(work.toRun, compiled, dir, 1);
                for (Catalogue.Exercise exercise : work.toRun) {
                    Checker.Result result = withPaths(results.get(exercise.id()), changed, dir.resolve("src"));
                    grades.put(exercise.id(), new ExerciseGrade(exercise, result, null,
                            result.state() == Checker.State.DONE ? points(exercise) : 0, points(exercise)));
                }
            } catch (IOException | RuntimeException e) {
                error = couldNotGrade(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = couldNotGrade(e);
            }
        }
        List<ExerciseGrade> inOrder = new ArrayList<>();
        for (Catalogue.Exercise exercise : exercises) {
            ExerciseGrade grade = error != null ? null : grades.get(exercise.id());
            inOrder.add(grade != null ? grade : new ExerciseGrade(exercise, null, null, 0, points(exercise)));
        }
        return new StudentGrade(work.student.name(), work.student.source().getFileName().toString(), inOrder,
                work.taken == null ? List.of() : work.taken.ignored(), error,
                (work.nanos + System.nanoTime() - started) / 1e9);
    }

    private String couldNotGrade(Exception e) {
        return say.text("grade.couldNotGrade", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /**
     * javac names a file by its name alone ("BlockingClient.java:41: ..."): a student reads the path
     * in their copy, and the line is theirs, as the graded copy keeps their exercise lines.
     */
    private static Checker.Result withPaths(Checker.Result result, Map<String, List<Path>> compiled, Path sources) {
        if (result.state() != Checker.State.DOES_NOT_COMPILE || result.detail() == null) {
            return result;
        }
        Map<String, String> byName = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        compiled.values().stream().flatMap(List::stream).forEach(file -> {
            String name = file.getFileName().toString();
            if (byName.put(name, sources.relativize(file).toString().replace('\\', '/')) != null) {
                twice.add(name);
            }
        });
        StringBuilder detail = new StringBuilder();
        for (String line : result.detail().split("\n", -1)) {
            int colon = line.indexOf(".java:");
            String name = colon < 0 ? null : line.substring(0, colon + ".java".length());
            detail.append(detail.length() == 0 ? "" : "\n").append(name != null && byName.containsKey(name) && !twice.contains(name)
                    ? byName.get(name) + line.substring(name.length()) : line);
        }
        return new Checker.Result(result.exercise(), result.state(), result.tests(), result.failures(), detail.toString());
    }

    private static boolean reachedBy(TestBench bench, List<Catalogue.Exercise> exercises, String module) throws IOException {
        for (Catalogue.Exercise exercise : exercises) {
            if (bench.reaches(exercise.module(), module)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the student's code of an exercise still throws its stub, in any of its regions: not started. */
    static boolean stubStillIn(Catalogue.Exercise exercise, Answers.Answer answer) {
        String stub = "throw new UnsupportedOperationException(\"" + exercise.notDoneMessage();
        return answer != null && answer.regions().values().stream().flatMap(List::stream)
                .anyMatch(line -> line.strip().startsWith(stub));
    }

    static int max(List<Catalogue.Exercise> exercises) {
        return exercises.stream().mapToInt(ClassGrader::points).sum();
    }

    /**
     * The students of a class directory, in its order: each folder, .zip, .tar.gz or .tgz, named by
     * it, with a suffix where two names are the same; or the directory itself if it is one copy.
     */
    private List<Student> students(Path classDir, Transplant transplant) throws IOException {
        if (transplant.looksLikeCopy(classDir)) {
            return List.of(new Student(safeName(classDir.getFileName().toString()), classDir));
        }
        List<Student> students = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(classDir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            boolean folder = Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (name.startsWith(".") || Transplant.ignoredByName(Path.of(name))
                    || !folder && !(Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Archives.isArchive(entry))) {
                if (!name.startsWith(".")) {
                    out.println("  " + say.text("grade.skipped", name));
                }
                continue;
            }
            String unique = safeName(folder ? name : Archives.baseName(entry));
            String candidate = unique;
            for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = unique + "-" + n;
            }
            students.add(new Student(candidate, entry));
        }
        return students;
    }

    /** A name that is safe as a file name on every system: letters, digits, '.', '-', '_'. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._-]+", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe;
    }

    /** A hand-in that wraps the copy in one folder (as most zip tools do) is graded from inside it. */
    private static Path unwrap(Path dir, Transplant transplant) throws IOException {
        if (transplant.looksLikeCopy(dir)) {
            return dir;
        }
        List<Path> inside;
        try (Stream<Path> list = Files.list(dir)) {
            inside = list.filter(p -> !Transplant.ignoredByName(dir.relativize(p))).toList();
        }
        if (inside.size() == 1 && Files.isDirectory(inside.get(0), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && transplant.looksLikeCopy(inside.get(0))) {
            return inside.get(0);
        }
        return dir;
    }
}
