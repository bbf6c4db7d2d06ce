package coroutines.classroom;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The proof behind {@code ./run prove} (nbgrader's {@code validate --invert}, rustlings'
 * {@code dev check}, taken further): for each exercise, in the catalogue's order, with every
 * exercise before it solved and every one after it still a stub, its tests must fail on its stub
 * and on each of the teacher's wrong answers, and pass on each correct answer in another shape
 * ({@link Answers}). One Maven build compiles the repository; each answer is then compiled on its
 * own with javac and its tests run in a JVM of their own ({@link TestBench}), a few at once.
 */
final class Proof {

    /** The reference, as an answer every exercise has. */
    private static final String REFERENCE = "reference";
    /** The reference with every earlier exercise not in its needs: a stub: proves that needs: lists them all. */
    private static final String ONLY_NEEDS = "reference, only needs: solved";

    /** One answer checked: what it is, what its tests said, and what is wrong with that, if anything. */
    record Verdict(String label, String description, Checker.Result result, String problem, String note) {
    }

    private final Path root;
    private final Catalogue catalogue;
    private final Map<String, List<Answers.Answer>> answers;
    private final Path work;
    private final PrintWriter out;
    private final int jobs;
    private final int jdk;
    private final StudentCopy copies;
    private Path copy;
    private TestBench bench;
    private Map<Path, byte[]> reference;

    Proof(Path root, Catalogue catalogue, Path work, PrintWriter out, int jobs) throws IOException {
        this.root = root;
        this.catalogue = catalogue;
        this.answers = Answers.read(root, catalogue);
        this.work = work;
        this.out = out;
        this.jobs = jobs;
        this.jdk = Runtime.version().feature();
        this.copies = new StudentCopy(root, catalogue);
    }

    /** Proves the exercises given (all if empty); the problems found, none if every answer was judged as it must be. */
    List<String> run(List<String> only) throws IOException, InterruptedException {
        for (String id : only) {
            catalogue.get(id);
        }
        deleteTree(work);
        copy = work.resolve("copy");
        copies.write(copy, Set.of()); // the reference without its markers: every exercise solved
        reference = copies.render(Set.of());
        out.println("Building the reference once (test-compile, and each module's test class path)...");
        long started = System.nanoTime();
        try {
            TestBench.build(copy, work.resolve("build.log"));
        } catch (TestBench.BuildFailed e) {
            throw new IllegalStateException("the reference does not build, so nothing can be proven: " + e.getMessage(), e);
        }
        bench = new TestBench(copy);
        out.printf("Built in %d s; now each answer: javac on the files it changes, its tests in a JVM of their own,"
                + " %d at a time.%n", (System.nanoTime() - started) / 1_000_000_000L, jobs);
        List<String> problems = new ArrayList<>();
        int tries = 0;
        int exercisesProven = 0;
        ExecutorService runners = Executors.newFixedThreadPool(jobs, r -> {
            Thread thread = new Thread(r, "proof-runner");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Catalogue.Exercise exercise : catalogue.exercises()) {
                if (!only.isEmpty() && !only.contains(exercise.id())) {
                    continue;
                }
                out.printf("%nExercise %s, %s (%s)%n", exercise.id(), exercise.title(), exercise.module());
                if (exercise.jdk() > jdk) {
                    out.printf("  left out: its module builds on JDK %d or newer, and this is JDK %d%n", exercise.jdk(), jdk);
                    continue;
                }
                exercisesProven++;
                List<Future<Verdict>> verdicts = new ArrayList<>();
                for (Answers.Answer answer : withStub(exercise)) {
                    verdicts.add(prove(exercise, answer, runners));
                }
                for (Future<Verdict> pending : verdicts) {
                    Verdict verdict;
                    try {
                        verdict = pending.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("the proof itself failed: " + e.getCause(), e.getCause());
                    }
                    tries++;
                    out.printf("  %-44s %s%n", verdict.label(), verdict.note());
                    if (verdict.problem() != null) {
                        out.printf("  %-44s ^ %s%n", "", verdict.problem().replace("\n", "\n  " + " ".repeat(47)));
                        problems.add("exercise " + exercise.id() + ", " + verdict.label() + ": " + verdict.problem());
                    }
                }
                if (answers.get(exercise.id()).isEmpty()) {
                    out.println("  (no answers in " + Answers.DIRECTORY + "/" + exercise.id() + "/: only the stub is proven)");
                }
            }
        } finally {
            runners.shutdownNow();
        }
        out.printf("%n%d tries of %d exercises in %d s (the build included).%n", tries, exercisesProven,
                (System.nanoTime() - started) / 1_000_000_000L);
        return problems;
    }

    /**
     * The stub first (a wrong answer every exercise has), then the reference (a correct answer every
     * exercise has: with the later exercises stubs, it shows the exercise can be done in order), then
     * the teacher's answers.
     */
    private List<Answers.Answer> withStub(Catalogue.Exercise exercise) {
        List<Answers.Answer> all = new ArrayList<>();
        all.add(null);
        Path where = root.resolve(exercise.where().split(",")[0].strip());
        all.add(new Answers.Answer(exercise.id(), REFERENCE, Answers.Kind.RIGHT, "the lesson code itself", null, Map.of(), where));
        all.add(new Answers.Answer(exercise.id(), ONLY_NEEDS, Answers.Kind.RIGHT,
                "the lesson code, with only the exercises in its needs: solved before it", null, Map.of(), where));
        all.addAll(answers.get(exercise.id()));
        return all;
    }

    private Future<Verdict> prove(Catalogue.Exercise exercise, Answers.Answer answer, ExecutorService runners)
            throws IOException {
        String label = answer == null ? "stub" : answer.name();
        String runName = label.replaceAll("[^A-Za-z0-9.-]+", "-");
        String description = answer == null ? "the stub the student starts from" : answer.description();
        Set<String> stubbed = new LinkedHashSet<>(later(exercise));
        if (answer == null) {
            stubbed.add(exercise.id());
        } else if (answer.name().equals(ONLY_NEEDS)) {
            stubbed.addAll(earlier(exercise));
            stubbed.removeAll(exercise.needs());
        }
        Map<Path, byte[]> files = copies.render(stubbed, answer == null ? Map.of() : Map.of(exercise.id(), answer));
        Path run = work.resolve("runs").resolve(exercise.id()).resolve(runName);
        Map<String, List<Path>> changed = new LinkedHashMap<>();
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            String path = file.getKey().toString().replace('\\', '/');
            String module = path.substring(0, Math.max(0, path.indexOf('/')));
            if (path.endsWith(".java") && path.contains("/src/main/java/")
                    && !Arrays.equals(file.getValue(), reference.get(file.getKey())) && bench.reaches(exercise.module(), module)) {
                Path source = run.resolve("src").resolve(file.getKey());
                Files.createDirectories(source.getParent());
                Files.write(source, file.getValue());
                changed.computeIfAbsent(module, m -> new ArrayList<>()).add(source);
            }
        }
        TestBench.Compiled compiled = bench.compile(changed, Map.of(), run.resolve("compiled"));
        return runners.submit(() -> {
            long started = System.nanoTime();
            Checker.Result result = bench.runGroup(List.of(exercise), compiled, run).get(exercise.id());
            Verdict verdict = judge(exercise, answer, label, description, result);
            return new Verdict(verdict.label(), verdict.description(), verdict.result(), verdict.problem(),
                    verdict.note() + (result.state() == Checker.State.DOES_NOT_COMPILE ? ""
                            : String.format(" [%.1f s]", (System.nanoTime() - started) / 1e9)));
        });
    }

    /** The exercises before this one in the catalogue. */
    private List<String> earlier(Catalogue.Exercise exercise) {
        List<String> ids = catalogue.exercises().stream().map(Catalogue.Exercise::id).toList();
        return ids.subList(0, ids.indexOf(exercise.id()));
    }

    /** The exercises after this one in the catalogue: still stubs while this one is done. */
    private List<String> later(Catalogue.Exercise exercise) {
        List<String> ids = catalogue.exercises().stream().map(Catalogue.Exercise::id).toList();
        return ids.subList(ids.indexOf(exercise.id()) + 1, ids.size());
    }

    private Verdict judge(Catalogue.Exercise exercise, Answers.Answer answer, String label, String description,
                          Checker.Result result) {
        String id = exercise.id();
        List<String> laterIds = later(exercise);
        String laterStub = result.failures().stream().map(Checker.Failure::stubOf)
                .filter(s -> s != null && laterIds.contains(s)).findFirst().orElse(null);
        String counts = result.tests() == 0 ? "" : " (" + result.failures().size() + " of " + result.tests() + " tests fail)";
        String firstFailure = result.failures().isEmpty() ? "" : ": " + result.failures().get(0).test();
        String unlistedNeed = result.failures().stream().map(Checker.Failure::stubOf)
                .filter(s -> s != null && earlier(exercise).contains(s) && !exercise.needs().contains(s)).findFirst().orElse(null);
        if (unlistedNeed != null) {
            return new Verdict(label, description, result, "its tests run the code of exercise " + unlistedNeed
                    + ", which its needs: in " + Catalogue.FILE + " does not list: add it", "reaches " + unlistedNeed);
        }
        if (laterStub != null) {
            return new Verdict(label, description, result, "its tests reach the stub of exercise " + laterStub
                    + ", which comes after it: exercise " + id + " cannot be done in order", "reaches " + laterStub);
        }
        if (result.state() == Checker.State.DOES_NOT_COMPILE || result.state() == Checker.State.CRASHED
                || result.state() == Checker.State.NOT_RUN) {
            String words = result.state() == Checker.State.DOES_NOT_COMPILE ? "does not compile" : result.state().words;
            return new Verdict(label, description, result, words + ": " + result.detail(), words);
        }
        boolean passed = result.state() == Checker.State.DONE;
        if (answer == null) {
            boolean ownStub = result.failures().stream().anyMatch(f -> id.equals(f.stubOf()));
            return passed || !ownStub
                    ? new Verdict(label, description, result, passed ? "the tests pass on the stub"
                            : "no test reached the stub", passed ? "passes" : "fails" + counts)
                    : new Verdict(label, description, result, null, "fails, as it must" + counts);
        }
        if (answer.kind() == Answers.Kind.RIGHT) {
            return passed ? new Verdict(label, description, result, null, "passes, as it must (" + result.tests() + " tests)")
                    : new Verdict(label, description, result, "a correct answer fails" + counts + firstFailure
                            + (result.failures().isEmpty() ? "" : "\n" + result.failures().get(0).what()), "FAILS" + counts);
        }
        if (answer.notCaught() != null) {
            return passed ? new Verdict(label, description, result, null, "passes: not caught, as its file says ("
                    + answer.notCaught() + ")")
                    : new Verdict(label, description, result, "said to be not caught, but the tests catch it" + counts
                            + ": drop its 'not caught' line", "fails" + counts);
        }
        return passed ? new Verdict(label, description, result, "a wrong answer passes every test (" + description + ")",
                "PASSES")
                : new Verdict(label, description, result, null, "fails, as it must" + counts + firstFailure);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
