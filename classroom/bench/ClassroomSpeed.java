/*
 * How fast the classroom answers a student, measured as a student meets it; the figures in
 * docs/exercises.md come from it. A benchmark, run on purpose, not a test: it makes its own copies
 * in a temporary directory, times the ./run commands from the outside, and deletes the copies.
 *
 *   java classroom/bench/ClassroomSpeed.java [--repeats N] [--exercises 1.1,2.1,...] [--no-maven]
 *
 * (every exercise this JDK runs, 3 repeats, and Maven, unless told otherwise; about 15 minutes on 2 cores)
 *
 * It measures, in a copy where every exercise is written (the teacher's correct answers):
 *   - ./run exercises (every exercise started), after a first run that lets Maven build the copy;
 *   - ./run check ID after a one-line edit to the exercise's file, and the same with --maven
 *     (the tests through Maven, as ./mvnw test and CI run them);
 * and, in a copy where only the chosen exercises are stubs, ./run watch as a student drives it:
 * each exercise's answer saved in turn, timed from the save to the verdict watch prints.
 * A single-file program (java runs it from source): nothing to build, only the JDK.
 */

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

public class ClassroomSpeed {

    /** One ./run command at most this long: a check that hangs must not hang the benchmark. */
    private static final long COMMAND_LIMIT_SECONDS = 600;

    private final Path root;
    private final Path work;
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    /** Per exercise: its check's times, its check through Maven, its save in watch. */
    private final Map<String, Map<String, List<Double>>> perExercise = new LinkedHashMap<>();

    ClassroomSpeed(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int repeats = 3;
        List<String> ids = null;
        boolean maven = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--exercises" -> ids = List.of(args[++i].split(","));
                case "--no-maven" -> maven = false;
                default -> {
                    System.err.println("usage: java classroom/bench/ClassroomSpeed.java [--repeats N] [--exercises 1.1,2.1]"
                            + " [--no-maven]");
                    System.exit(2);
                }
            }
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("classroom/exercises.conf"))) {
            System.err.println("run this in the repository's root (no classroom/exercises.conf in " + root + ")");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("classroom-speed-");
        try {
            ClassroomSpeed speed = new ClassroomSpeed(root, work);
            speed.measure(repeats, ids != null ? ids : speed.exercisesThisJdkRuns(), maven);
        } finally {
            deleteTree(work);
        }
    }

    private void measure(int repeats, List<String> ids, boolean maven) throws Exception {
        System.out.printf("Machine: %d cores, %s %s, Java %s; %d repeats; exercises %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), repeats, String.join(", ", ids));
        Path solved = work.resolve("solved");
        run(root, "./run", "student-copy", solved.toString(), "--solved-by-answers");
        record("./run exercises, first run (Maven builds the copy)", time(solved, "./run", "exercises"));
        for (int r = 0; r < repeats; r++) {
            record("./run exercises, every exercise started", time(solved, "./run", "exercises"));
        }
        for (String id : ids) {
            Path file = solved.resolve(whereFile(id));
            for (int r = 0; r < repeats; r++) {
                Files.writeString(file, "// a one-line edit " + r + "\n", java.nio.file.StandardOpenOption.APPEND);
                record(id, "check", "./run check ID, after a one-line edit", time(solved, "./run", "check", id));
            }
            if (maven) {
                Files.writeString(file, "// a one-line edit for Maven\n", java.nio.file.StandardOpenOption.APPEND);
                record(id, "check --maven", "./run check ID --maven, after a one-line edit",
                        time(solved, "./run", "check", id, "--maven"));
            }
        }
        watch(ids);
        System.out.println();
        System.out.println("| what | median | min | max | runs |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> figure : figures.entrySet()) {
            List<Double> sorted = figure.getValue().stream().sorted().toList();
            System.out.printf("| %s | %.1f s | %.1f s | %.1f s | %d |%n", figure.getKey(), median(sorted), sorted.get(0),
                    sorted.get(sorted.size() - 1), sorted.size());
        }
        System.out.println();
        System.out.println("| exercise | check (median) | check --maven | watch, save to verdict |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, Map<String, List<Double>>> exercise : perExercise.entrySet()) {
            System.out.printf("| %s | %s | %s | %s |%n", exercise.getKey(), cell(exercise.getValue().get("check")),
                    cell(exercise.getValue().get("check --maven")), cell(exercise.getValue().get("watch")));
        }
    }

    /** A copy with the chosen exercises as stubs; watch started; each answer saved in turn, timed to its verdict. */
    private void watch(List<String> ids) throws Exception {
        Path copy = work.resolve("watch");
        run(root, "./run", "student-copy", copy.toString(), "--only", String.join(",", ids));
        // No exercise is started, so no check has built the copy yet: the first save makes Maven build it, as a student's does.
        Process watch = new ProcessBuilder("./run", "watch", "--lang", "en").directory(copy.toFile())
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        OutputStream keys = watch.getOutputStream();
        try {
            for (String id : ids) {
                awaitLine(lines, "Exercise " + id + ":");
                awaitLine(lines, "Save a file");
                long saved = System.nanoTime();
                writeAnswer(copy, id);
                String verdict = awaitLine(lines, "Passed:", "Failing:", "Does not compile", "Waits for", "The tests could not");
                double seconds = (System.nanoTime() - saved) / 1e9;
                if (!verdict.startsWith("Passed:")) {
                    throw new IllegalStateException("watch did not pass exercise " + id + " on its answer: " + verdict);
                }
                record(id, "watch", id.equals(ids.get(0)) ? "./run watch, the first save (Maven builds the copy once)"
                        : "./run watch, from a save to the verdict", seconds);
            }
            keys.write("q\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } finally {
            if (!watch.waitFor(30, TimeUnit.SECONDS)) {
                watch.descendants().forEach(ProcessHandle::destroyForcibly);
                watch.destroyForcibly();
            }
        }
    }

    /** Writes the exercise's first correct answer (classroom/answers) over its stubs, one region a stub, in order. */
    private void writeAnswer(Path copy, String id) throws IOException {
        Path answer;
        try (Stream<Path> files = Files.list(root.resolve("classroom/answers").resolve(id))) {
            answer = files.filter(p -> p.getFileName().toString().startsWith("right-")).sorted().findFirst().orElseThrow();
        }
        List<List<String>> regions = new ArrayList<>();
        for (String line : Files.readAllLines(answer, StandardCharsets.UTF_8)) {
            if (line.startsWith("--- region")) {
                regions.add(new ArrayList<>());
            } else if (!regions.isEmpty()) {
                regions.get(regions.size() - 1).add(line);
            }
        }
        Path file = copy.resolve(whereFile(id));
        List<String> out = new ArrayList<>();
        int next = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("throw new UnsupportedOperationException(\"exercise " + id + " is not done yet")) {
                out.addAll(regions.get(next++));
            } else {
                out.add(line);
            }
        }
        if (next != regions.size()) {
            throw new IllegalStateException(file + " has " + next + " stubs of " + id + ", its answer " + regions.size() + " regions");
        }
        Files.write(file, out, StandardCharsets.UTF_8); // one write: the save watch sees
    }

    private static String awaitLine(BlockingQueue<String> lines, String... starts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_LIMIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            for (String start : starts) {
                if (line.startsWith(start)) {
                    return line;
                }
            }
        }
        throw new IllegalStateException("watch never printed a line starting with " + String.join(" or ", starts));
    }

    /** The file of an exercise's region, from the catalogue's where: field. */
    private String whereFile(String id) throws IOException {
        boolean inIt = false;
        for (String line : Files.readAllLines(root.resolve("classroom/exercises.conf"), StandardCharsets.UTF_8)) {
            if (line.startsWith("exercise ")) {
                inIt = line.substring("exercise ".length()).strip().equals(id);
            } else if (inIt && line.startsWith("where:")) {
                return line.substring("where:".length()).split(",")[0].strip();
            }
        }
        throw new IllegalArgumentException("no exercise " + id + " in classroom/exercises.conf");
    }

    private void record(String id, String column, String what, double seconds) {
        perExercise.computeIfAbsent(id, k -> new LinkedHashMap<>()).computeIfAbsent(column, k -> new ArrayList<>()).add(seconds);
        record(what + " (" + id + ")", seconds, false);
        figures.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
    }

    private static String cell(List<Double> times) {
        return times == null ? "-" : String.format("%.1f s", median(times.stream().sorted().toList()));
    }

    /** Every exercise whose module this JDK builds (stage 6 needs 21 or newer). */
    private List<String> exercisesThisJdkRuns() throws IOException {
        List<String> ids = new ArrayList<>();
        String id = null;
        int needed = 17;
        for (String line : Files.readAllLines(root.resolve("classroom/exercises.conf"), StandardCharsets.UTF_8)) {
            if (line.startsWith("exercise ")) {
                if (id != null && needed <= Runtime.version().feature()) {
                    ids.add(id);
                }
                id = line.substring("exercise ".length()).strip();
                needed = 17;
            } else if (line.startsWith("jdk:")) {
                needed = Integer.parseInt(line.substring("jdk:".length()).strip());
            }
        }
        if (id != null && needed <= Runtime.version().feature()) {
            ids.add(id);
        }
        return ids;
    }

    private void record(String what, double seconds) {
        record(what, seconds, true);
    }

    private void record(String what, double seconds, boolean keep) {
        if (keep) {
            figures.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
        }
        System.out.printf("  %-62s %6.2f s%n", what, seconds);
    }

    private static double time(Path dir, String... command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        run(dir, command);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Runs a command to its end, its output kept back unless it fails (a check that fails is not what is timed). */
    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end in " + COMMAND_LIMIT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " in " + dir + " ended with " + process.exitValue()
                    + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
