package coroutines.classroom;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The classroom's command line: {@code ./run student-copy DIR}, {@code exercises}, {@code check ID},
 * {@code hint ID}, {@code grade CLASS-DIR}, and the CI's {@code prove DIR}. Each is
 * {@code ./mvnw -q -pl classroom compile exec:java -Dexec.args="COMMAND ARGS"} underneath.
 */
@Command(name = "classroom", mixinStandardHelpOptions = true,
        description = "Exercises that tests check: make a student copy, list, check, hint, grade.",
        subcommands = {Classroom.StudentCopyCommand.class, Classroom.ExercisesCommand.class, Classroom.CheckCommand.class,
                Classroom.HintCommand.class, Classroom.WatchCommand.class, Classroom.GradeCommand.class, Classroom.ProveCommand.class})
public final class Classroom {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs one command; 0 when it did what was asked (a check passed), 1 when it did not, 2 on bad input. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Classroom());
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                err.println(e.getMessage());
                return e instanceof Catalogue.UnknownExercise || e instanceof IllegalArgumentException ? 2 : 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The repository the command is run in: the nearest directory up from here with the catalogue. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Catalogue.FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + Catalogue.FILE + " in " + here + " or above: run this in the repository"
                + " (the reference or a student copy)");
    }

    /** Where {@code ./run} was typed: it changes to the repository before starting the classroom. */
    static final String CALLER_DIR = "CLASSROOM_CALLER_DIR";

    /**
     * A path the user gave, made absolute from where they typed the command: {@code ./run} runs the
     * classroom in the repository and says where they were in {@value #CALLER_DIR}; without it (as
     * under {@code ./mvnw ... exec:java}) a relative path is taken from the JVM's working directory.
     */
    static Path fromCaller(Path path) {
        return fromCaller(path, System.getenv());
    }

    static Path fromCaller(Path path, Map<String, String> env) {
        String caller = env.get(CALLER_DIR);
        if (path.isAbsolute() || caller == null || caller.isBlank()) {
            return path.toAbsolutePath().normalize();
        }
        return Path.of(caller).toAbsolutePath().resolve(path).normalize();
    }

    abstract static class InRepository {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--lang", paramLabel = "en|zh", description = "the language it speaks: en or zh"
                + " (default: Chinese if LC_ALL, LC_MESSAGES or LANG, the first one set, is zh..., else English)")
        String langFlag;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** {@code --lang}, else the locale: see {@link Lang#detect}. */
        Lang lang() {
            return Lang.detect(langFlag, System.getenv());
        }
    }

    @Command(name = "student-copy", description = "Writes a student copy of this repository into DIR:"
            + " every exercise replaced by its stub, no solution text left.")
    static final class StudentCopyCommand extends InRepository implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "a new or empty directory")
        Path target;

        @Option(names = "--only", paramLabel = "ID", split = ",",
                description = "stub only these exercises (a teacher's test of one exercise); default: all")
        List<String> only;

        @Option(names = "--git", description = "make DIR a git repository with the copy as its one commit")
        boolean git;

        @Option(names = "--solved-by-answers", description = "(CI) no stubs: each exercise written as its first correct"
                + " answer in classroom/answers, a copy that must pass every test")
        boolean solvedByAnswers;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Set<String> stubbed = only == null
                    ? catalogue.exercises().stream().map(Catalogue.Exercise::id).collect(Collectors.toCollection(LinkedHashSet::new))
                    : new LinkedHashSet<>(only);
            Path absolute = fromCaller(target);
            if (absolute.startsWith(root)) {
                throw new IllegalArgumentException(absolute + " is inside this repository: put the copy somewhere else,"
                        + " e.g. ../student-copy");
            }
            Map<String, Answers.Answer> answered = new java.util.LinkedHashMap<>();
            if (solvedByAnswers) {
                for (Map.Entry<String, List<Answers.Answer>> exercise : Answers.read(root, catalogue).entrySet()) {
                    Answers.Answer right = exercise.getValue().stream().filter(a -> a.kind() == Answers.Kind.RIGHT)
                            .findFirst().orElseThrow(() -> new IllegalStateException("exercise " + exercise.getKey()
                                    + " has no correct answer in " + Answers.DIRECTORY + "/" + exercise.getKey()
                                    + " (a right-*.answer file): a solved copy needs one for every exercise"));
                    answered.put(exercise.getKey(), right);
                }
                stubbed.clear();
            }
            List<Path> written = new StudentCopy(root, catalogue).write(absolute, stubbed, answered);
            if (git) {
                run(absolute, "git", "init", "-q");
                run(absolute, "git", "add", "-A");
                run(absolute, "git", "-c", "user.name=classroom", "-c", "user.email=classroom@localhost",
                        "commit", "-q", "-m", "The exercises, to be done");
            }
            if (solvedByAnswers) {
                out().printf("Wrote a copy solved by the correct answers to %s: %d files, %d exercises (%s).%n", absolute,
                        written.size(), answered.size(), answered.values().stream()
                                .map(a -> a.exercise() + " " + a.name()).collect(Collectors.joining(", ")));
                return 0;
            }
            out().printf("Wrote a student copy to %s: %d files, %d exercises stubbed (%s).%n", absolute, written.size(),
                    stubbed.size(), String.join(", ", stubbed));
            out().println("Students start with: cd " + absolute + " && ./run exercises");
            return 0;
        }

        private static void run(Path dir, String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
            }
        }
    }

    /** How a command runs the tests: on the test bench (seconds), or through Maven as CI does. */
    static final class EngineOptions {
        @Option(names = "--maven", description = "run the tests through Maven, as ./mvnw test and CI do (slower; the same verdicts)")
        boolean maven;

        // One more JVM than cores: the tests wait on sockets and timeouts as much as they compute (measured on 2 cores:
        // ./run exercises 14.7 s with 2, 10.6 s with 3, 10.9 s with 4).
        @Option(names = "--jobs", paramLabel = "N",
                description = "JVMs of tests at once on the test bench (default: one more than the cores)")
        Integer jobs;

        static int defaultJobs() {
            return Runtime.getRuntime().availableProcessors() + 1;
        }

        Checker checker(Path root, PrintWriter progress, Lang lang) {
            int chosen = jobs == null ? defaultJobs() : jobs;
            if (chosen < 1) {
                throw new IllegalArgumentException("--jobs takes a number from 1, not " + chosen);
            }
            return new Checker(root).using(maven ? Checker.Engine.MAVEN : Checker.Engine.BENCH).jobs(chosen)
                    .progress(progress).in(lang);
        }
    }

    @Command(name = "exercises", description = "Lists every exercise in order, with its state, and says which to do next.")
    static final class ExercisesCommand extends InRepository implements Callable<Integer> {
        @CommandLine.Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws IOException {
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Lang lang = lang();
            Messages say = Messages.of(lang);
            out().println(say.text("exercises.checking"));
            Map<String, Checker.Result> results = engine.checker(root, out(), lang).check(catalogue.exercises());
            out().println();
            int wordsWidth = results.values().stream().mapToInt(r -> Messages.columns(Messages.words(r, lang))).max().orElse(10);
            int titleWidth = catalogue.exercises().stream().mapToInt(e -> Messages.columns(e.title(lang))).max().orElse(10);
            Checker.Result next = null;
            for (Checker.Result result : results.values()) {
                Catalogue.Exercise e = result.exercise();
                out().println("  " + Messages.padded(e.id(), 5) + " " + Messages.padded(Messages.words(result, lang), wordsWidth)
                        + " " + Messages.padded(e.title(lang), titleWidth) + "  " + e.module());
                if (next == null && result.state() != Checker.State.DONE && result.state() != Checker.State.NEEDS_NEWER_JDK) {
                    next = result;
                }
            }
            out().println();
            long done = results.values().stream().filter(r -> r.state() == Checker.State.DONE).count();
            if (next == null) {
                out().println(say.text(done < results.size() ? "exercises.allDoneButNewerJdk" : "exercises.allDone",
                        done, results.size()));
                return 0;
            }
            out().println(say.text("exercises.next", done, results.size(), next.exercise().id(), next.exercise().title(lang)));
            return 0;
        }
    }

    @Command(name = "check", description = "Runs one exercise's tests and says how it stands, with a hint if it does not pass.")
    static final class CheckCommand extends InRepository implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "the exercise, e.g. 3.2")
        String id;

        @CommandLine.Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws IOException {
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Catalogue.Exercise exercise = catalogue.get(id);
            Lang lang = lang();
            Messages say = Messages.of(lang);
            out().println(say.text("check.heading", exercise.id(), exercise.title(lang), exercise.module()));
            Checker.Result result = engine.checker(root, out(), lang).check(List.of(exercise)).get(id);
            out().println(Verdicts.of(result, catalogue, lang));
            if (result.state() == Checker.State.DONE || result.state() == Checker.State.NEEDS_NEWER_JDK) {
                return result.state() == Checker.State.DONE ? 0 : 1;
            }
            out().println();
            out().println(say.text("check.firstHint", exercise.hints(lang).size(), exercise.hints(lang).get(0)));
            HintCommand.remember(root, id, 1);
            if (exercise.hints(lang).size() > 1) {
                out().println(say.text("check.nextHint", id));
            }
            return 1;
        }
    }

    @Command(name = "watch", description = "Shows the first exercise not done, checks it again each time a file is saved,"
            + " gives hints on request, and moves on when it passes; Ctrl-C stops it.")
    static final class WatchCommand extends InRepository implements Callable<Integer> {
        @Option(names = "--poll", description = "look at the files twice a second instead of waiting for file events"
                + " (chosen by itself on network drives and WSL's Windows drives)")
        boolean poll;

        @CommandLine.Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Checker checker = engine.checker(root, out(), lang());
            // Ctrl-C: the tests' JVMs end with this one, so nothing is left running.
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
            try (TestBench.Spares spares = checker.keepSpares()) {
                Watch watch = new Watch(root, catalogue, out(), lang(), exercises -> {
                    try {
                        return checker.check(exercises);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, exercise -> {
                    try {
                        checker.prepare(exercise);
                    } catch (IOException | RuntimeException e) {
                        // only a head start lost: the check itself will say what is wrong
                    }
                });
                return watch.run(System.in, Watch.pollingReason(root, poll, lang()));
            }
        }
    }

    @Command(name = "hint", description = "Shows the next hint for an exercise each time, or the first N with a number.")
    static final class HintCommand extends InRepository implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "show hints 1 to N")
        Integer upTo;

        @Override
        public Integer call() throws IOException {
            Path root = root();
            Lang lang = lang();
            Messages say = Messages.of(lang);
            Catalogue.Exercise exercise = Catalogue.read(root).get(id);
            List<String> hints = exercise.hints(lang);
            Properties seen = seen(root);
            int shown;
            if (upTo != null) {
                if (upTo < 1) {
                    throw new IllegalArgumentException(say.text("hint.badNumber", id, hints.size()));
                }
                shown = Math.min(upTo, hints.size());
            } else {
                shown = Math.min(Integer.parseInt(seen.getProperty(id, "0")) + 1, hints.size());
            }
            for (int n = upTo == null ? shown : 1; n <= shown; n++) {
                out().println(say.text("hint.line", n, hints.size(), id, hints.get(n - 1)));
            }
            if (shown == hints.size()) {
                out().println(say.text("hint.last", exercise.article(lang)));
            }
            remember(root, id, shown);
            return 0;
        }

        private static Path seenFile(Path root) {
            return root.resolve(".classroom/hints-seen.properties");
        }

        /** How many hints each exercise has shown so far. */
        static Properties seen(Path root) throws IOException {
            Properties seen = new Properties();
            if (Files.exists(seenFile(root))) {
                try (var in = Files.newBufferedReader(seenFile(root))) {
                    seen.load(in);
                }
            }
            return seen;
        }

        /** Notes that hints 1 to {@code shown} of exercise {@code id} were shown, so that the next call shows the next. */
        static void remember(Path root, String id, int shown) throws IOException {
            Properties seen = seen(root);
            seen.setProperty(id, String.valueOf(Math.max(shown, Integer.parseInt(seen.getProperty(id, "0")))));
            Files.createDirectories(seenFile(root).getParent());
            try (var writer = Files.newBufferedWriter(seenFile(root))) {
                seen.store(writer, "the hints each exercise has shown (./run hint); delete this file to start again");
            }
        }
    }

    @Command(name = "grade", description = "Grades a class: each folder, .zip or .tar.gz of CLASS-DIR is one student"
            + " (or CLASS-DIR is one student's copy). Only the code between each exercise's BEGIN and END EXERCISE lines is"
            + " graded, in this repository's copy, with its tests. Writes gradebook.csv, feedback/NAME.md and"
            + " results/NAME.json (Gradescope's format).")
    static final class GradeCommand extends InRepository implements Callable<Integer> {
        @Parameters(paramLabel = "CLASS-DIR", description = "the class's hand-ins, one per student; or one student's copy")
        Path classDir;

        @Option(names = "--out", paramLabel = "DIR", description = "where the gradebook, feedback and results go"
                + " (default: target/grades/CLASS-DIR's name)")
        Path outDir;

        @Option(names = "--exercise", paramLabel = "ID", split = ",", description = "grade only these exercises")
        List<String> only;

        @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
                description = "students whose tests run at once, each in a JVM of its own (default: ${DEFAULT-VALUE})")
        int jobs;

        @Option(names = "--work", paramLabel = "DIR", description = "where hand-ins are unpacked and built, in a folder"
                + " deleted at the end (default: target/classroom/grading)")
        Path work;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs takes a number from 1, not " + jobs);
            }
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Path students = fromCaller(classDir);
            Path out = outDir != null ? fromCaller(outDir)
                    : root.resolve("target/grades").resolve(ClassGrader.safeName(String.valueOf(students.getFileName())));
            Path workBase = work != null ? fromCaller(work) : root.resolve("target/classroom/grading");
            new ClassGrader(root, catalogue, out(), jobs, lang()).grade(students, only == null ? List.of() : only, out, workBase);
            return 0;
        }
    }

    @Command(name = "prove", description = "For CI and teachers: each exercise in order, with the ones before it solved"
            + " and the ones after it stubs, fails its tests on its stub and on every wrong answer in classroom/answers,"
            + " and passes them on every correct answer there.")
    static final class ProveCommand extends InRepository implements Callable<Integer> {
        @Option(names = "--work", paramLabel = "DIR", description = "where the copy is built (default: target/classroom/proof)")
        Path work;

        @Option(names = "--exercise", paramLabel = "ID", split = ",", description = "prove only these exercises")
        List<String> only;

        @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
                description = "answers whose tests run at once, each in a JVM of its own (default: ${DEFAULT-VALUE})")
        int jobs;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs takes a number from 1, not " + jobs);
            }
            Path root = root();
            Catalogue catalogue = Catalogue.read(root);
            Path proof = work != null ? fromCaller(work) : root.resolve("target/classroom/proof");
            List<String> problems = new Proof(root, catalogue, proof, out(), jobs).run(only == null ? List.of() : only);
            out().println();
            if (!problems.isEmpty()) {
                out().println("Not proven (" + problems.size() + "):\n  " + String.join("\n  ", problems));
                return 1;
            }
            out().println("Proven: every exercise, in order, fails its tests on its stub and on each wrong answer,"
                    + " and passes them on each correct answer (wrong answers marked 'not caught' pass, as their files say).");
            return 0;
        }
    }
}
