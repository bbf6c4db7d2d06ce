package coroutines.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs exercises' tests in a repository (the reference, or a student's copy) and says how each
 * stands. An exercise whose stub is still in the code is "not started" without running anything.
 * The others' tests run on the {@link TestBench}: Maven builds the copy once, then javac compiles
 * only what changed and each module's tagged tests run in a JVM of their own, in seconds. With
 * {@link Engine#MAVEN} they run as {@code ./mvnw test} and CI run them instead: one Maven build,
 * selected by their JUnit tags; both are judged from the same Surefire-format reports.
 */
public final class Checker {

    /** Where an exercise stands. */
    public enum State {
        DONE("done"), NOT_STARTED("not started"), FAILING("failing"), WAITS_FOR("waits for"),
        DOES_NOT_COMPILE("does not compile"), CRASHED("test JVM crashed"), NOT_RUN("tests did not run"),
        NEEDS_NEWER_JDK("needs a newer JDK");

        public final String words;

        State(String words) {
            this.words = words;
        }
    }

    /**
     * One test that did not pass: its name as a sentence, what went wrong in a few lines, and the
     * exercise whose stub it ran into (null if none did).
     */
    public record Failure(String test, String what, String stubOf) {
    }

    /** How one exercise stands, with the tests that failed and, if it did not build, why. */
    public record Result(Catalogue.Exercise exercise, State state, int tests, List<Failure> failures, String detail) {

        /** The other exercises whose stubs its tests ran into, in the order met: do those first. */
        public List<String> waitsFor() {
            return failures.stream().map(Failure::stubOf).filter(s -> s != null && !s.equals(exercise.id()))
                    .distinct().toList();
        }

        /** Its state in a few words, naming what it waits for: "waits for 2.2". */
        public String words() {
            return state == State.WAITS_FOR ? "waits for " + String.join(", ", waitsFor()) : state.words;
        }
    }

    /** How the tests run: on the test bench (javac and the JUnit launcher, in seconds) or through Maven, as CI does. */
    public enum Engine { BENCH, MAVEN }

    private final Path root;
    private final int jdk;
    private Engine engine = Engine.BENCH;
    private Lang lang = Lang.EN;
    /** Spare JVMs of tests kept between checks (watch), or null. */
    private TestBench.Spares spares;
    private int jobs = Runtime.getRuntime().availableProcessors() + 1;
    private java.io.PrintWriter progress = new java.io.PrintWriter(java.io.Writer.nullWriter());

    /** @param root the repository whose exercises are checked */
    public Checker(Path root) {
        this(root, Runtime.version().feature());
    }

    Checker(Path root, int jdk) {
        this.root = root;
        this.jdk = jdk;
    }

    /** Runs the tests through Maven instead of the test bench. */
    Checker using(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** The language of the states' details and the failures' explanations. */
    Checker in(Lang lang) {
        this.lang = lang;
        return this;
    }

    /**
     * Keeps a JVM of tests started ahead for the next check, and warms the compiler: for watch, which
     * checks again and again. Close the spares when done.
     */
    TestBench.Spares keepSpares() {
        spares = new TestBench.Spares();
        return spares;
    }

    /**
     * Gets ready to check this exercise soon (watch, when it becomes the current one): a spare JVM for
     * its module, its class path as it will be once the exercise's module has changed; and javac
     * warmed up in this JVM on a file of nothing.
     */
    void prepare(Catalogue.Exercise exercise) throws IOException {
        if (spares == null || engine != Engine.BENCH || exercise.jdk() > jdk
                || TestBench.needsBuild(root, new Catalogue(List.of(exercise)))) {
            return;
        }
        Path work = root.resolve("target/classroom/bench");
        TestBench bench = new TestBench(root, lang).withSpares(spares);
        Map<String, Path> main = new LinkedHashMap<>();
        Map<String, Path> test = new LinkedHashMap<>();
        for (String module : bench.modules()) {
            if (bench.reaches(exercise.module(), module)) {
                if (module.equals(exercise.module()) || bench.staleSources(false).containsKey(module)) {
                    main.put(module, work.resolve("compiled").resolve(module).resolve("classes"));
                }
                if (bench.staleSources(true).containsKey(module)) {
                    test.put(module, work.resolve("compiled").resolve(module).resolve("test-classes"));
                }
            }
        }
        bench.startSpare(exercise.module(), new TestBench.Compiled(main, test, Map.of()), work.resolve("spares"));
        TestBench.warmUpCompiler(work.resolve("warm-up"));
    }

    /** How many JVMs of tests run at once on the test bench. */
    Checker jobs(int jobs) {
        this.jobs = jobs;
        return this;
    }

    /** Where to say what takes long (a first build with Maven). */
    Checker progress(java.io.PrintWriter progress) {
        this.progress = progress;
        return this;
    }

    /** Checks every exercise given, in one build for all of those that are started. */
    public Map<String, Result> check(List<Catalogue.Exercise> exercises) throws IOException {
        return check(exercises, false);
    }

    /**
     * @param evenStubbed run the tests of exercises whose stub is still there too (the proof
     *                    does, to see them fail); a student's check says "not started" instead
     */
    public Map<String, Result> check(List<Catalogue.Exercise> exercises, boolean evenStubbed) throws IOException {
        Map<String, Result> results = new LinkedHashMap<>();
        List<Catalogue.Exercise> toRun = new ArrayList<>();
        for (Catalogue.Exercise exercise : exercises) {
            String stubFile = stubStillIn(exercise);
            if (exercise.jdk() > jdk) {
                results.put(exercise.id(), new Result(exercise, State.NEEDS_NEWER_JDK, 0, List.of(),
                        Messages.of(lang).text("checker.needsNewerJdk", exercise.jdk(), jdk)));
            } else if (stubFile != null && !evenStubbed) {
                results.put(exercise.id(), new Result(exercise, State.NOT_STARTED, 0, List.of(),
                        Messages.of(lang).text("checker.stubStillIn", exercise.notDoneMessage(), stubFile)));
            } else {
                toRun.add(exercise);
            }
        }
        if (!toRun.isEmpty()) {
            results.putAll(engine == Engine.MAVEN ? runTests(toRun) : runOnBench(toRun));
        }
        Map<String, Result> inOrder = new LinkedHashMap<>();
        exercises.forEach(e -> inOrder.put(e.id(), results.get(e.id())));
        return inOrder;
    }

    /** The file (relative to the root) whose code still throws the exercise's stub, or null. */
    String stubStillIn(Catalogue.Exercise exercise) throws IOException {
        String thrown = "UnsupportedOperationException(\"" + exercise.notDoneMessage();
        Path sources = root.resolve(exercise.module()).resolve("src/main");
        if (!Files.isDirectory(sources)) {
            sources = root; // a module renamed or gone: look everywhere
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).filter(p -> p.toString().contains("src" + java.io.File.separator + "main"))
                    .filter(p -> !p.toString().contains(java.io.File.separator + "target" + java.io.File.separator)).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    // A statement, not the reference's // STUB comment beside the solution or a javadoc example.
                    if (line.strip().startsWith("throw new " + thrown)) {
                        return root.relativize(file).toString();
                    }
                }
            }
        }
        return null;
    }

    /**
     * The test bench: a Maven build first if the copy has none (or a build file changed), then javac
     * on the sources changed since, then the tests. Compiled classes are kept while their sources stay
     * as they are, so a second check of the same code compiles nothing.
     */
    private Map<String, Result> runOnBench(List<Catalogue.Exercise> exercises) throws IOException {
        Path work = root.resolve("target/classroom/bench");
        Catalogue catalogue = new Catalogue(exercises);
        try {
            if (TestBench.needsBuild(root, catalogue)) {
                progress.println(Messages.of(lang).text("checker.building"));
                TestBench.build(root, work.resolve("build.log"));
            }
            Timing timing = new Timing();
            TestBench bench = new TestBench(root, lang).withSpares(spares);
            Set<String> modules = new LinkedHashSet<>();
            for (String module : bench.modules()) {
                for (Catalogue.Exercise exercise : exercises) {
                    if (bench.reaches(exercise.module(), module)) {
                        modules.add(module);
                    }
                }
            }
            Map<String, List<Path>> main = new LinkedHashMap<>(bench.staleSources(false));
            Map<String, List<Path>> test = new LinkedHashMap<>(bench.staleSources(true));
            main.keySet().retainAll(modules);
            test.keySet().retainAll(modules);
            timing.mark("stale sources found");
            TestBench.Compiled compiled = bench.compile(main, test, work.resolve("compiled"));
            timing.mark("compiled " + main.values().stream().mapToInt(List::size).sum() + " + "
                    + test.values().stream().mapToInt(List::size).sum() + " sources");
            Map<String, Result> results = bench.run(exercises, compiled, work, jobs);
            timing.mark("tests ran");
            return results;
        } catch (TestBench.BuildFailed e) {
            Map<String, Result> results = new LinkedHashMap<>();
            for (Catalogue.Exercise exercise : exercises) {
                results.put(exercise.id(), e.compilerErrors.isEmpty()
                        ? new Result(exercise, State.NOT_RUN, 0, List.of(),
                                Messages.of(lang).text("checker.buildFailed", work.resolve("build.log")))
                        : new Result(exercise, State.DOES_NOT_COMPILE, 0, List.of(), e.compilerErrors));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests ran", e);
        }
    }

    /** With CLASSROOM_TIMING set, each phase of a check says on stderr how long it took: for the benchmark's readers. */
    private static final class Timing {
        private final boolean on = System.getenv("CLASSROOM_TIMING") != null;
        private long last = System.nanoTime();

        void mark(String what) {
            if (on) {
                long now = System.nanoTime();
                System.err.printf("[timing] %-32s %6.0f ms (JVM up %d ms)%n", what, (now - last) / 1e6,
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                last = now;
            }
        }
    }

    private Map<String, Result> runTests(List<Catalogue.Exercise> exercises) throws IOException {
        Set<String> modules = new LinkedHashSet<>();
        exercises.forEach(e -> modules.add(e.module()));
        for (Catalogue.Exercise exercise : exercises) {
            for (String test : exercise.tests()) {
                for (Path report : reports(exercise.module(), test)) {
                    Files.delete(report); // a report from an earlier check must not pass for this one
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(mavenWrapper(), "-B", "-ntp", "-fae",
                "-pl", String.join(",", modules), "-am", "test",
                "-Dgroups=" + exercises.stream().map(Catalogue.Exercise::tag).collect(Collectors.joining(",")),
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true"));
        Path log = root.resolve("target/classroom/last-build.log");
        Files.createDirectories(log.getParent());
        int status;
        try {
            Process maven = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            status = maven.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests ran", e);
        }
        String buildOutput = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, Result> results = new LinkedHashMap<>();
        for (Catalogue.Exercise exercise : exercises) {
            results.put(exercise.id(), judge(exercise, status, buildOutput, root.relativize(log).toString()));
        }
        return results;
    }

    private Result judge(Catalogue.Exercise exercise, int status, String buildOutput, String log) throws IOException {
        int tests = 0;
        List<Failure> failures = new ArrayList<>();
        boolean anyReport = false;
        for (String test : exercise.tests()) {
            for (Path report : reports(exercise.module(), test)) {
                anyReport = true;
                tests += readReport(report, failures, className -> true, lang);
            }
        }
        if (!anyReport) {
            // "[ERROR] /abs/path/File.java:[75,30] message" as the test bench says it: "path/File.java:75: message".
            String errors = buildOutput.lines().filter(l -> l.startsWith("[ERROR]") && l.contains(".java:["))
                    .map(l -> l.replace("[ERROR] ", "").replace(root.toString() + java.io.File.separator, "")
                            .replaceFirst("^(.*\\.java):\\[(\\d+),\\d+\\] ", "$1:$2: ").replace('\\', '/'))
                    .distinct().limit(8).collect(Collectors.joining("\n"));
            if (errors.isEmpty()) {
                String crash = crashIn(buildOutput, lang);
                Messages say = Messages.of(lang);
                return new Result(exercise, crash != null ? State.CRASHED : State.NOT_RUN, 0, List.of(), crash != null
                        ? crash + "\n  " + say.text("checker.wholeOutputIn", log) : say.text("checker.buildStopped", status, log));
            }
            return new Result(exercise, State.DOES_NOT_COMPILE, 0, List.of(), errors);
        }
        return stateOf(exercise, tests, failures);
    }

    /** Judges a run of {@link ExerciseRunner}: its reports, how its JVM ended, and its output. */
    static Result judgeRun(Catalogue.Exercise exercise, List<Path> reports, int exitStatus, Path log) throws IOException {
        return judgeRun(exercise, reports, exitStatus, log, className -> true, Lang.EN);
    }

    /** As above, for a run of several exercises' tests: {@code itsClasses} picks this exercise's test cases. */
    static Result judgeRun(Catalogue.Exercise exercise, List<Path> reports, int exitStatus, Path log,
                           java.util.function.Predicate<String> itsClasses, Lang lang) throws IOException {
        String output = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        Messages say = Messages.of(lang);
        String crash = crashIn(output, lang);
        if (crash != null || reports.isEmpty() || exitStatus != 0) {
            String why = crash != null ? crash : say.text("checker.endedWithStatus", exitStatus);
            List<String> last = output.lines().filter(l -> !l.isBlank()).toList();
            String tail = last.subList(Math.max(0, last.size() - 3), last.size()).stream().collect(Collectors.joining("\n    "));
            return new Result(exercise, State.CRASHED, 0, List.of(), why + (tail.isEmpty() ? "" : ":\n    " + tail)
                    + "\n  " + say.text("checker.wholeOutputIn", log));
        }
        int tests = 0;
        List<Failure> failures = new ArrayList<>();
        for (Path report : reports) {
            tests += readReport(report, failures, itsClasses, lang);
        }
        if (tests == 0) {
            return new Result(exercise, State.NOT_RUN, 0, List.of(),
                    say.text("checker.noTestRan", exercise.tag(), String.join(", ", exercise.tests())));
        }
        return stateOf(exercise, tests, failures);
    }

    /** Done, failing, or waiting for another exercise whose stub a test ran into. */
    private static Result stateOf(Catalogue.Exercise exercise, int tests, List<Failure> failures) {
        Result result = new Result(exercise, failures.isEmpty() && tests > 0 ? State.DONE : State.FAILING, tests, failures, null);
        if (result.state() == State.FAILING && !result.waitsFor().isEmpty()) {
            return new Result(exercise, State.WAITS_FOR, tests, failures, null);
        }
        return result;
    }

    /** Why a test JVM died, if its output says: out of memory, or a forked JVM that ended abruptly; else null. */
    static String crashIn(String output, Lang lang) {
        if (output.contains("OutOfMemoryError")) {
            String line = output.lines().filter(l -> l.contains("OutOfMemoryError")).findFirst().orElse("").strip();
            return Messages.of(lang).text("checker.outOfMemory", line);
        }
        if (output.contains("The forked VM terminated") || output.contains("There was an error in the forked process")
                || output.contains("ExecutionException The forked VM")) {
            return Messages.of(lang).text("checker.endedAbruptly");
        }
        return null;
    }

    /** Reads one Surefire report; adds its failures and returns how many tests it holds. */
    static int readReport(Path report, List<Failure> failures) throws IOException {
        return readReport(report, failures, className -> true, Lang.EN);
    }

    /** As above, counting only the test cases whose class {@code itsClasses} accepts. */
    static int readReport(Path report, List<Failure> failures, java.util.function.Predicate<String> itsClasses,
                          Lang lang) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(report.toFile());
        } catch (Exception e) {
            throw new IOException("cannot read the test report " + report + ": " + e.getMessage(), e);
        }
        NodeList cases = document.getElementsByTagName("testcase");
        int counted = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (!itsClasses.test(testCase.getAttribute("classname"))) {
                continue;
            }
            counted++;
            for (String kind : List.of("failure", "error")) {
                NodeList problems = testCase.getElementsByTagName(kind);
                if (problems.getLength() > 0) {
                    Element problem = (Element) problems.item(0);
                    String message = problem.getAttribute("message");
                    failures.add(new Failure(sentence(testCase.getAttribute("name")),
                            Explanations.explain(problem.getAttribute("type"), message, problem.getTextContent(), lang),
                            Explanations.stubReached(message, problem.getTextContent())));
                }
            }
        }
        return counted;
    }

    /** {@code reads_until_the_end()} as the student reads it: "reads until the end". */
    static String sentence(String testName) {
        String name = testName.replaceAll("\\(.*\\)$", "");
        return name.replace('_', ' ').strip();
    }

    private List<Path> reports(String module, String testClass) throws IOException {
        Path directory = root.resolve(module).resolve("target/surefire-reports");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> reports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "TEST-" + testClass + "*.xml")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String rest = name.substring(("TEST-" + testClass).length());
                if (rest.equals(".xml") || rest.startsWith("$")) { // the class, or one of its @Nested classes
                    reports.add(file);
                }
            }
        }
        return reports;
    }

    private String mavenWrapper() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return root.resolve(windows ? "mvnw.cmd" : "mvnw").toString();
    }
}
