package coroutines.classroom;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs exercises' tests without Maven, in a copy Maven has built once: javac, in this JVM, on the
 * sources that differ from what Maven compiled, into directories put first on the class path; then
 * each module's tagged tests in a JVM of their own through the JUnit launcher
 * ({@link ExerciseRunner}), judged from the same reports as Surefire's. Check, exercises, watch,
 * grade and the proof all run tests this way; Maven stays the way {@code ./mvnw test} and CI do.
 */
final class TestBench {

    /** Each module's test class path, as Maven resolved it, relative to the module. */
    static final String CLASSPATH_FILE = "target/classroom-test-classpath.txt";

    /** How long one JVM of tests may take in all: each test class has its own, shorter, bound. */
    static final long RUN_LIMIT_SECONDS = 240;

    /** What was compiled: each module's directory of new classes (main and test), or javac's errors. */
    record Compiled(Map<String, Path> mainClasses, Map<String, Path> testClasses, Map<String, String> errors) {

        static Compiled nothing() {
            return new Compiled(Map.of(), Map.of(), Map.of());
        }
    }

    private final Path copy;
    private final int jdk;
    private final Lang lang;
    private Spares spares;
    private final Map<String, List<String>> classpaths = new LinkedHashMap<>();

    /** @param copy a repository (the reference, a student's copy, a graded copy) Maven has built */
    TestBench(Path copy) {
        this(copy, Lang.EN);
    }

    /** @param lang the language of the failures' explanations */
    TestBench(Path copy, Lang lang) {
        this.copy = copy;
        this.jdk = Runtime.version().feature();
        this.lang = lang;
    }

    Path copy() {
        return copy;
    }

    /**
     * Whether Maven must build first: a module with exercises has no class path file yet, or a build
     * file changed since (a new dependency, a new module).
     */
    static boolean needsBuild(Path copy, Catalogue catalogue) throws IOException {
        long oldest = Long.MAX_VALUE;
        for (String module : catalogue.exercises().stream().map(Catalogue.Exercise::module).distinct().toList()) {
            Path file = copy.resolve(module).resolve(CLASSPATH_FILE);
            if (!Files.isDirectory(copy.resolve(module))) {
                continue; // a module this JDK does not build, or a copy without it: its exercises say so
            }
            if (!Files.isRegularFile(file)) {
                return true;
            }
            oldest = Math.min(oldest, Files.getLastModifiedTime(file).toMillis());
        }
        try (Stream<Path> poms = Files.walk(copy, 2)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                if (Files.getLastModifiedTime(pom).toMillis() > oldest) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Builds the copy with Maven: every module's classes and test classes, and each module's test
     * class path in {@link #CLASSPATH_FILE}. The output goes to {@code log}.
     */
    static void build(Path copy, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        Path wrapper = copy.resolve(windows ? "mvnw.cmd" : "mvnw");
        if (!Files.isExecutable(wrapper)) {
            wrapper.toFile().setExecutable(true); // not each time: watch would take the change for a save
        }
        List<String> command = List.of(wrapper.toString(), "-B", "-ntp", "test-compile",
                "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test");
        Process maven = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (maven.waitFor() != 0) {
            String errors = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("[ERROR]") && l.contains(".java:["))
                    .map(l -> l.replace("[ERROR] ", "").replace(copy + File.separator, "")
                            .replaceFirst("^(.*\\.java):\\[(\\d+),\\d+\\] ", "$1:$2: ").replace('\\', '/'))
                    .distinct().limit(8).collect(Collectors.joining("\n  "));
            throw new BuildFailed("Maven could not build " + copy + (errors.isEmpty() ? "" : ":\n  " + errors)
                    + "\n(the whole output is in " + log + ")", errors);
        }
        // Maven leaves a class path file alone when it did not change: the stamp says the build is newer than the poms.
        try (Stream<Path> files = Files.walk(copy, 3)) {
            for (Path file : files.filter(p -> p.endsWith(Path.of(CLASSPATH_FILE))).toList()) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
    }

    /** Maven could not build the copy; {@code compilerErrors} holds javac's lines, if that was why. */
    static final class BuildFailed extends IllegalStateException {
        final String compilerErrors;

        BuildFailed(String message, String compilerErrors) {
            super(message);
            this.compilerErrors = compilerErrors;
        }
    }

    /** The modules Maven built, each before the modules that depend on it. */
    List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(copy)) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve(CLASSPATH_FILE)) && Files.isDirectory(dir.resolve("src"))) {
                    modules.add(dir.getFileName().toString());
                }
            }
        }
        // A module's class path holds every module it depends on, and theirs: fewer first is an order that builds.
        Map<String, Long> upstream = new LinkedHashMap<>();
        for (String module : modules) {
            List<String> entries = testClasspath(module);
            upstream.put(module, modules.stream().filter(m -> !m.equals(module))
                    .filter(m -> entries.contains(copy.resolve(m).resolve("target/classes").toString())).count());
        }
        modules.sort(Comparator.comparing(upstream::get));
        return modules;
    }

    /** A module's test class path: its test classes, its classes, then what Maven resolved (other modules' classes, jars). */
    List<String> testClasspath(String module) throws IOException {
        List<String> known = classpaths.get(module);
        if (known != null) {
            return known;
        }
        Path file = copy.resolve(module).resolve(CLASSPATH_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the build wrote no class path for " + module + " (" + file + ")");
        }
        List<String> entries = new ArrayList<>();
        entries.add(copy.resolve(module).resolve("target/test-classes").toString());
        entries.add(copy.resolve(module).resolve("target/classes").toString());
        String resolved = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!resolved.isEmpty()) {
            entries.addAll(Arrays.asList(resolved.split(File.pathSeparator)));
        }
        classpaths.put(module, List.copyOf(entries));
        return classpaths.get(module);
    }

    /** The class path with each module's new classes just before the ones Maven compiled. */
    List<String> classpath(String module, Compiled compiled) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : testClasspath(module)) {
            for (String other : compiled.mainClasses().keySet()) {
                if (entry.equals(copy.resolve(other).resolve("target/classes").toString())) {
                    entries.add(compiled.mainClasses().get(other).toString());
                }
            }
            for (String other : compiled.testClasses().keySet()) {
                if (entry.equals(copy.resolve(other).resolve("target/test-classes").toString())) {
                    entries.add(compiled.testClasses().get(other).toString());
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Whether a module's classes are on the class path of another's tests (or it is that module). */
    boolean reaches(String exerciseModule, String module) throws IOException {
        return module.equals(exerciseModule)
                || testClasspath(exerciseModule).contains(copy.resolve(module).resolve("target/classes").toString());
    }

    /**
     * The sources of the copy that changed since Maven compiled them (newer than their class, or with
     * no class): module to files, main and test apart.
     */
    Map<String, List<Path>> staleSources(boolean tests) throws IOException {
        Map<String, List<Path>> stale = new LinkedHashMap<>();
        for (String module : modules()) {
            Path sources = copy.resolve(module).resolve(tests ? "src/test/java" : "src/main/java");
            Path classes = copy.resolve(module).resolve(tests ? "target/test-classes" : "target/classes");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path source : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String name = source.getFileName().toString();
                    if (name.equals("package-info.java") || name.equals("module-info.java")) {
                        continue;
                    }
                    String relative = sources.relativize(source).toString();
                    Path compiled = classes.resolve(relative.substring(0, relative.length() - ".java".length()) + ".class");
                    if (!Files.isRegularFile(compiled)
                            || Files.getLastModifiedTime(source).compareTo(Files.getLastModifiedTime(compiled)) > 0) {
                        stale.computeIfAbsent(module, m -> new ArrayList<>()).add(source);
                    }
                }
            }
        }
        return stale;
    }

    /**
     * Compiles changed sources, module by module in build order, each against the classes compiled
     * before it: main sources into {@code work/MODULE/classes}, test sources into
     * {@code work/MODULE/test-classes}. A module that does not compile is in {@code errors}; the
     * modules after it still compile against Maven's classes.
     */
    Compiled compile(Map<String, List<Path>> main, Map<String, List<Path>> test, Path work) throws IOException {
        Map<String, Path> mainClasses = new LinkedHashMap<>();
        Map<String, Path> testClasses = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String module : modules()) {
            for (boolean tests : List.of(false, true)) {
                List<Path> sources = (tests ? test : main).getOrDefault(module, List.of());
                if (sources.isEmpty()) {
                    continue;
                }
                Path classes = work.resolve(module).resolve(tests ? "test-classes" : "classes");
                // What these classes were compiled from: the same files, unchanged since, need no javac (watch, a second check).
                Path compiledFrom = work.resolve(module).resolve(tests ? "test-classes.sources" : "classes.sources");
                String signature = signature(sources);
                if (Files.isDirectory(classes) && Files.isRegularFile(compiledFrom)
                        && Files.readString(compiledFrom, StandardCharsets.UTF_8).equals(signature)) {
                    (tests ? testClasses : mainClasses).put(module, classes);
                    continue;
                }
                Files.deleteIfExists(compiledFrom);
                Proof.deleteTree(classes);
                Files.createDirectories(classes);
                List<String> classpath = classpath(module, new Compiled(mainClasses, testClasses, errors));
                String failed = compile(sources, classes, classpath, jdk, copy);
                if (failed == null) {
                    Files.writeString(compiledFrom, signature, StandardCharsets.UTF_8);
                }
                if (failed != null) {
                    errors.merge(module, failed, (a, b) -> a + "\n" + b);
                } else {
                    (tests ? testClasses : mainClasses).put(module, classes);
                }
            }
        }
        return new Compiled(mainClasses, testClasses, errors);
    }

    private static String named(Path source, Path base) {
        return base != null && source.startsWith(base) ? base.relativize(source).toString().replace('\\', '/')
                : source.getFileName().toString();
    }

    /** Each source's path, time and size: what a directory of classes was compiled from. */
    private static String signature(List<Path> sources) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path source : sources) {
            text.append(source).append(' ').append(Files.getLastModifiedTime(source).toMillis()).append(' ')
                    .append(Files.size(source)).append('\n');
        }
        return text.toString();
    }

    /** Compiles a class of nothing, so that the next javac in this JVM finds its own classes loaded. */
    static void warmUpCompiler(Path dir) throws IOException {
        Path source = dir.resolve("src/WarmUp.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class WarmUp { java.util.List<String> names() { return java.util.List.of(\"warm\"); } }\n");
        compile(List.of(source), dir.resolve("classes"), List.of(), 17);
    }

    /** javac, in this JVM: null if the sources compiled, else its errors as "File.java:LINE: message", a few. */
    static String compile(List<Path> sources, Path classes, List<String> classpath, int release) throws IOException {
        return compile(sources, classes, classpath, release, null);
    }

    /**
     * As above; a file under {@code base} is named by its path from there, as Maven's errors name it:
     * "stage1-blocking/src/main/java/.../BlockingClient.java:75: ')' expected".
     */
    static String compile(List<Path> sources, Path classes, List<String> classpath, int release, Path base) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java has no compiler (javax.tools): run the classroom with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-cp", String.join(File.pathSeparator, classpath),
                    "--release", String.valueOf(Math.max(17, release)), "-proc:none", "-nowarn", "-encoding", "UTF-8",
                    "-implicit:none");
            StringWriter output = new StringWriter();
            boolean ok = javac.getTask(output, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (ok) {
                return null;
            }
            return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .map(d -> (d.getSource() == null ? "" : named(Path.of(d.getSource().toUri()), base) + ":"
                            + d.getLineNumber() + ": ") + d.getMessage(null)).distinct().limit(8)
                    .reduce((a, b) -> a + "\n" + b).orElse(output.toString());
        }
    }

    /**
     * Runs the exercises' tests: one JVM per module for all of its exercises, {@code jobs} JVMs at
     * once, the longest first. If a JVM holding several exercises crashes or overruns, each of them
     * runs again alone, so one exercise's runaway code never costs another its result.
     */
    Map<String, Checker.Result> run(List<Catalogue.Exercise> exercises, Compiled compiled, Path work, int jobs)
            throws IOException, InterruptedException {
        Map<String, List<Catalogue.Exercise>> byModule = new LinkedHashMap<>();
        exercises.forEach(e -> byModule.computeIfAbsent(e.module(), m -> new ArrayList<>()).add(e));
        ExecutorService runners = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread thread = new Thread(r, "test-runner");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Checker.Result> results = new LinkedHashMap<>();
        try {
            List<Future<Map<String, Checker.Result>>> pending = new ArrayList<>();
            // The longest first (as long as they took last time, or the most exercises): the lanes end together.
            List<List<Catalogue.Exercise>> groups = new ArrayList<>(byModule.values());
            Map<List<Catalogue.Exercise>, Double> expected = new java.util.HashMap<>();
            for (List<Catalogue.Exercise> group : groups) {
                expected.put(group, lastSeconds(work, group).orElse((double) group.size()));
            }
            groups.sort(Comparator.comparing((List<Catalogue.Exercise> g) -> -expected.get(g)));
            for (List<Catalogue.Exercise> group : groups) {
                pending.add(runners.submit(() -> runGroup(group, compiled, work)));
            }
            for (Future<Map<String, Checker.Result>> each : pending) {
                try {
                    results.putAll(each.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("running the tests failed: " + cause, cause);
                }
            }
        } finally {
            runners.shutdownNow();
        }
        Map<String, Checker.Result> inOrder = new LinkedHashMap<>();
        exercises.forEach(e -> inOrder.put(e.id(), results.get(e.id())));
        return inOrder;
    }

    /** One module's exercises, in one JVM (again one by one if it crashes); runs under {@code work/runs}. */
    Map<String, Checker.Result> runGroup(List<Catalogue.Exercise> group, Compiled compiled, Path work)
            throws IOException, InterruptedException {
        String module = group.get(0).module();
        Map<String, Checker.Result> results = new LinkedHashMap<>();
        String errors = compileErrorsFor(module, compiled);
        if (errors != null) {
            group.forEach(e -> results.put(e.id(), new Checker.Result(e, Checker.State.DOES_NOT_COMPILE, 0, List.of(), errors)));
            return results;
        }
        String name = runName(group);
        long started = System.nanoTime();
        Map<String, Checker.Result> together = runJvm(group, compiled, work.resolve("runs").resolve(name));
        Files.writeString(work.resolve("runs").resolve(name).resolve("seconds"),
                String.valueOf((System.nanoTime() - started) / 1e9), StandardCharsets.UTF_8);
        if (group.size() > 1 && together.values().stream().anyMatch(r -> r.state() == Checker.State.CRASHED)) {
            for (Catalogue.Exercise exercise : group) {
                results.putAll(runJvm(List.of(exercise), compiled, work.resolve("runs").resolve(exercise.id())));
            }
            return results;
        }
        return together;
    }

    private static String runName(List<Catalogue.Exercise> group) {
        return group.size() == 1 ? group.get(0).id() : group.get(0).module();
    }

    /** How long this group's JVM took the last time it ran here, if it did. */
    private static java.util.Optional<Double> lastSeconds(Path work, List<Catalogue.Exercise> group) {
        try {
            return java.util.Optional.of(Double.parseDouble(Files.readString(
                    work.resolve("runs").resolve(runName(group)).resolve("seconds"), StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The errors of any module whose new classes these tests would load, or null. */
    private String compileErrorsFor(String module, Compiled compiled) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> failed : compiled.errors().entrySet()) {
            if (reaches(module, failed.getKey())) {
                found.add(failed.getValue());
            }
        }
        return found.isEmpty() ? null : String.join("\n", found);
    }

    private Map<String, Checker.Result> runJvm(List<Catalogue.Exercise> group, Compiled compiled, Path run)
            throws IOException, InterruptedException {
        String module = group.get(0).module();
        Proof.deleteTree(run);
        Path reports = run.resolve("reports");
        Files.createDirectories(reports);
        List<String> arguments = new ArrayList<>();
        arguments.add(reports.toString());
        arguments.add(group.stream().map(Catalogue.Exercise::tag).collect(Collectors.joining(",")));
        group.forEach(e -> arguments.addAll(e.tests()));
        String key = spareKey(module, compiled);
        Spares.Spare spare = spares == null ? null : spares.take(key);
        Process process;
        Path log;
        if (spare != null) {
            // A JVM started after the last check, JUnit loaded: it reads its arguments and runs at once.
            process = spare.process();
            log = spare.log();
            try (var in = process.getOutputStream()) {
                in.write((String.join("\t", arguments) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } else {
            log = run.resolve("output.log");
            List<String> command = jvmCommand(module, compiled, run);
            command.addAll(arguments);
            process = new ProcessBuilder(command).directory(copy.resolve(module).toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        Map<String, Checker.Result> results = new LinkedHashMap<>();
        boolean finished;
        try {
            finished = process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            if (process.isAlive()) { // overran, or this thread was interrupted (Ctrl-C, a new save in watch)
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (spares != null) { // after the tests, not beside them: they may judge by CPU time
            startSpare(module, compiled, run.getParent().getParent().resolve("spares"));
        }
        if (!finished) {
            for (Catalogue.Exercise exercise : group) {
                results.put(exercise.id(), new Checker.Result(exercise, Checker.State.CRASHED, 0, List.of(),
                        Messages.of(lang).text("checker.didNotFinish", RUN_LIMIT_SECONDS, log)));
            }
            return results;
        }
        List<Path> reportFiles;
        try (Stream<Path> files = Files.list(reports)) {
            reportFiles = files.filter(p -> p.getFileName().toString().startsWith("TEST-")).sorted().toList();
        }
        for (Catalogue.Exercise exercise : group) {
            Predicate<String> itsClasses = className -> exercise.tests().stream()
                    .anyMatch(t -> className.equals(t) || className.startsWith(t + "$"));
            results.put(exercise.id(), Checker.judgeRun(exercise, reportFiles, process.exitValue(), log, itsClasses, lang));
        }
        return results;
    }

    /** The JVM of tests up to the runner's class name: its class path in an argument file in {@code dir}. */
    private List<String> jvmCommand(String module, Compiled compiled, Path dir) throws IOException {
        List<String> classpath = new ArrayList<>(classpath(module, compiled));
        classpath.addAll(runnerClasspath());
        Path argFile = dir.resolve("java.args");
        Files.createDirectories(dir);
        Files.write(argFile, List.of("-cp", quoted(String.join(File.pathSeparator, classpath))), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(javaCommand(), "@" + argFile,
                // A bounded heap, so code that keeps every byte forever ends as "out of memory"; C1 only, as tests are short.
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dbasedir=" + copy.resolve(module)));
        if (jdk >= 21) {
            command.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"); // as the build's Surefire does there
        }
        command.add(ExerciseRunner.class.getName());
        return command;
    }

    /** Which spare can run these tests: the same module, the same class path. */
    private String spareKey(String module, Compiled compiled) throws IOException {
        return module + "\n" + String.join(File.pathSeparator, classpath(module, compiled));
    }

    /**
     * Starts a JVM for the next check of this module's exercises (watch): it loads JUnit, then waits
     * for its arguments. The classes under test are read only when the tests run, so a save in the
     * meantime is what they test.
     */
    void startSpare(String module, Compiled compiled, Path sparesDir) throws IOException {
        if (spares == null) {
            return;
        }
        Path dir = sparesDir.resolve(String.valueOf(spares.next()));
        Proof.deleteTree(dir);
        // The JVM takes a class path entry for a folder only if it is one when it starts (else a jar that is not there).
        for (Path classes : compiled.mainClasses().values()) {
            Files.createDirectories(classes);
        }
        for (Path classes : compiled.testClasses().values()) {
            Files.createDirectories(classes);
        }
        List<String> command = jvmCommand(module, compiled, dir);
        command.add(ExerciseRunner.WAIT);
        Process process = new ProcessBuilder(command).directory(copy.resolve(module).toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.log").toFile()).start();
        spares.put(spareKey(module, compiled), new Spares.Spare(process, dir.resolve("output.log")));
    }

    /** Uses and keeps spare JVMs of tests (watch); without, each run starts its own. */
    TestBench withSpares(Spares spares) {
        this.spares = spares;
        return this;
    }

    /** JVMs of tests started ahead, one per module and class path; all stopped by {@link #close()}. */
    static final class Spares implements AutoCloseable {
        record Spare(Process process, Path log) {
        }

        private final Map<String, Spare> byKey = new LinkedHashMap<>();
        private int started;

        synchronized int next() {
            return started++ % 4; // a few directories, used in turn: a spare's log outlives the run that used it
        }

        synchronized Spare take(String key) {
            Spare spare = byKey.remove(key);
            return spare != null && spare.process().isAlive() ? spare : null;
        }

        synchronized void put(String key, Spare spare) {
            Spare old = byKey.put(key, spare);
            if (old != null) {
                old.process().destroyForcibly();
            }
            while (byKey.size() > 2) { // the module of this exercise, and maybe the last one's
                String oldest = byKey.keySet().iterator().next();
                byKey.remove(oldest).process().destroyForcibly();
            }
        }

        @Override
        public synchronized void close() {
            byKey.values().forEach(s -> s.process().destroyForcibly());
            byKey.clear();
        }
    }

    /** The classroom's runner and the JUnit launcher it uses, where this JVM loaded them from. */
    private static List<String> runnerClasspath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(ExerciseRunner.class, org.junit.platform.launcher.core.LauncherFactory.class,
                org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
            }
        }
        return entries;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A java @argfile's quoting: backslashes and quotes escaped, the whole in quotes. */
    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Whether a result's detail says its tests were stopped at {@link #RUN_LIMIT_SECONDS}, in either language. */
    static boolean stoppedAtRunLimit(String detail) {
        if (detail == null) {
            return false;
        }
        for (Lang lang : Lang.values()) {
            String said = Messages.of(lang).text("checker.didNotFinish", RUN_LIMIT_SECONDS, "\u0000");
            if (detail.startsWith(said.substring(0, said.indexOf('\u0000')))) {
                return true;
            }
        }
        return false;
    }
}
