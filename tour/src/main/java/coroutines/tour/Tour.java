package coroutines.tour;

import coroutines.blocking.BlockingStage;
import coroutines.command.StageJvm;
import coroutines.command.Utf8Output;
import coroutines.polling.PollingStage;
import coroutines.selector.SelectorStage;
import coroutines.tasks.TaskStage;
import coroutines.testbed.Event;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import coroutines.yielding.GeneratorStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tour: runs every stage in order with the same arguments (by default against the four
 * local hosts, started afresh for each stage), each in a JVM of its own ({@link TourStage}) with its
 * own lines and timeline, then prints one table that compares them and what its figures say; with
 * {@code --picture} or {@code --trace}, it also writes one page or one trace of all the stages
 * ({@link TourOutputs}, {@link TourDrawing}).
 */
public final class Tour {

    /** The classes that hold the stages, in the order of the article; stage 6 only where it was built (JDK 21+). */
    static final List<Class<?>> STAGE_CLASSES = stageClasses();

    /** The stages in the order of the article; stage 6 only where it was built (JDK 21+). */
    public static final List<Stage> STAGES = STAGE_CLASSES.stream().map(Tour::stageOf).toList();

    /** Built on JDK 21+ only, so it is looked up by name rather than linked. */
    static final String VIRTUAL_THREAD_STAGE = "coroutines.virtualthreads.VirtualThreadStage";

    /**
     * The longest the tour waits for one stage's JVM. Far beyond a run of the README's (seconds):
     * each request is bounded by --max-time, so a stage still running after this is stuck, and the
     * tour stops it rather than wait forever.
     */
    static final Duration STAGE_BOUND = Duration.ofMinutes(10);

    static final List<String> COLUMNS = List.of("stage", "what changed", "wall time", "client CPU", "threads seen",
            "reads per host", "answered");

    /** What each measured column means, printed under the table so that no column is left to guess. */
    static final String COLUMNS_DEFINED = String.join(System.lineSeparator(),
            "wall time       from the first connect to the last answer or failure",
            "client CPU      CPU time the client used meanwhile: an estimate, made as the README says (Run one stage)",
            "threads seen    how many threads the client recorded events on",
            "reads per host  reads that returned data or the end of the response (stage 3 prints a recv line for each)",
            "answered        requests that got a whole response") + System.lineSeparator();

    private Tour() {
    }

    private static List<Class<?>> stageClasses() {
        List<Class<?>> classes = new ArrayList<>(List.of(BlockingStage.class, PollingStage.class, SelectorStage.class,
                GeneratorStage.class, TaskStage.class));
        try {
            classes.add(Class.forName(VIRTUAL_THREAD_STAGE));
        } catch (ClassNotFoundException e) {
            // A JDK 17-20 build: there is no stage 6, and the tour says so when it starts.
        }
        return List.copyOf(classes);
    }

    /** The stage a class holds in its public static {@code STAGE} field, as every stage's main class does. */
    static Stage stageOf(Class<?> holder) {
        try {
            return (Stage) holder.getField("STAGE").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(holder.getName() + " has no public static Stage STAGE", e);
        }
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale, as the stages print: a real host's response may hold any character.
        PrintStream out = Utf8Output.standardOutput();
        PrintStream err = Utf8Output.standardError();
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the tour; returns 0 if every stage had every host answer, 2 on a usage error, else 1. */
    public static int run(PrintStream out, PrintStream err, String[] args) {
        if (STAGE_CLASSES.stream().noneMatch(holder -> holder.getName().equals(VIRTUAL_THREAD_STAGE))) {
            out.println("(stage 6, virtual threads, needs JDK 21 or newer: this is JDK "
                    + Runtime.version().feature() + ", so the tour leaves it out.)");
        }
        return run(out, err, args, STAGE_CLASSES, STAGE_BOUND);
    }

    /**
     * Runs each stage in a JVM of its own, started as {@code java} would start it ({@link StageJvm}:
     * this JDK, the tour's class path, which holds every stage, and the flags a stage needs), so
     * that its summary line measures the stage, not Maven's JVM or the tour's.
     */
    static int run(PrintStream out, PrintStream err, String[] args, List<Class<?>> stageClasses, Duration bound) {
        TourOutputs outputs;
        try {
            outputs = TourOutputs.of(args);
        } catch (TourOutputs.UsageError e) {
            err.println(e.getMessage());
            return 2; // before any stage runs, as a stage's own usage error
        }
        List<Row> rows = new ArrayList<>();
        Set<String> responsesShown = new HashSet<>();
        TourDrawing drawing = new TourDrawing(outputs);
        int worst = 0;
        for (Class<?> holder : stageClasses) {
            Stage stage = stageOf(holder);
            out.println("=== " + stage.name() + ": " + stage.whatChanged());
            Forked forked = fork(holder, stage, err, outputs, bound);
            if (forked.report().isEmpty()) {
                out.print(forked.printed());
                if (forked.problem() != null) {
                    out.println(forked.problem());
                    drawing.add(stage, forked);
                    return drawing.writeAfter(1, out); // as its doc says, whatever status a stopped or crashed JVM ended with
                }
                return forked.status(); // --help or a usage error: saying it once is enough
            }
            out.print(eachResponseOnce(forked.printed(), forked.report().get().answers(), responsesShown));
            out.println();
            worst = Math.max(worst, forked.status());
            rows.add(forked.report().get().row());
            drawing.add(stage, forked);
        }
        out.print(table(rows));
        out.print(COLUMNS_DEFINED);
        out.println();
        out.println(whatTheFiguresSay(rows));
        return drawing.writeAfter(worst, out);
    }

    /**
     * One stage's JVM, after it ended: what it printed on standard output, its exit status, its report
     * (absent after --help or a usage error), why the tour must stop, if it must, and the run's page
     * data and trace, if the tour asked for them and the stage wrote them (else null).
     */
    record Forked(String printed, int status, Optional<StageReport> report, String problem, String pictureData,
            byte[] trace) {

        Forked(String printed, int status, Optional<StageReport> report, String problem) {
            this(printed, status, report, problem, null, null);
        }
    }

    private static Forked fork(Class<?> holder, Stage stage, PrintStream err, TourOutputs outputs, Duration bound) {
        Path report = null;
        Path pictureData = null;
        Path trace = null;
        Process process = null;
        try {
            report = Files.createTempFile("tour-" + stage.name() + "-", ".properties");
            List<String> properties = new ArrayList<>(List.of("-D" + TourStage.REPORT_PROPERTY + "=" + report));
            List<String> stageArgs = new ArrayList<>(List.of(holder.getName()));
            if (outputs.picture() != null) {
                pictureData = Files.createTempFile("tour-" + stage.name() + "-", ".json");
                properties.add("-D" + TourStage.PICTURE_DATA_PROPERTY + "=" + pictureData);
            }
            if (outputs.trace() != null) {
                // The stage's own trace, to a file of its own: the tour merges them (TourDrawing).
                trace = Files.createTempFile("tour-" + stage.name() + "-", ".trace.json");
                stageArgs.addAll(List.of("--trace", trace.toString()));
            }
            stageArgs.addAll(outputs.stageArgs());
            // Cache.USE starts the stage with the tour's own AOT cache where there is one; nothing trains
            // one yet (./run aot trains ./run N's), so on every JDK the tour's stages start cold.
            List<String> command = StageJvm.here().command("tour-" + stage.name(), StageJvm.Cache.USE,
                    StageJvm.ownClassPath(), properties, TourStage.class.getName(), stageArgs);
            process = new ProcessBuilder(command).start();
            RUNNING.set(process);
            process.getOutputStream().close(); // a stage reads nothing from its input
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Thread stdout = copying(process.getInputStream(), printed, stage.name() + " stdout");
            Thread stderr = copying(process.getErrorStream(), err, stage.name() + " stderr");
            boolean ended = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(PIPE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            }
            stdout.join(PIPE_BOUND.toMillis());
            stderr.join(PIPE_BOUND.toMillis());
            String lines;
            synchronized (printed) {
                lines = printed.toString(StandardCharsets.UTF_8);
            }
            if (!ended) {
                return new Forked(lines, 1, Optional.empty(), stage.name() + " did not end within " + bound.toSeconds()
                        + " s, though each of its requests has a bound (--timeout, --max-time): the tour stopped its"
                        + " JVM (pid " + process.pid() + ") and stops here.");
            }
            Optional<StageReport> told = StageReport.read(report);
            int status = process.exitValue();
            String problem = told.isEmpty() && status != 0 && status != 2
                    ? stage.name() + " ended with exit status " + status + " before its run was over: the tour stops here."
                    : null;
            return new Forked(lines, status, told, problem, TourDrawing.textIn(pictureData), TourDrawing.bytesIn(trace));
        } catch (IOException e) {
            return new Forked("", 1, Optional.empty(), "could not start " + stage.name() + " in a JVM of its own: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Forked("", 1, Optional.empty(), "the tour was interrupted while " + stage.name() + " ran");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            RUNNING.set(null);
            deleteQuietly(report);
            deleteQuietly(pictureData);
            deleteQuietly(trace);
        }
    }

    /** How long the tour waits for a stopped JVM and its pipes: they end with the process, at once. */
    private static final Duration PIPE_BOUND = Duration.ofSeconds(10);

    /** The stage's JVM while it runs: stopped with the tour's, if the tour's ends first (Ctrl-C). */
    private static final AtomicReference<Process> RUNNING = new AtomicReference<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = RUNNING.get();
            if (running != null) {
                running.destroyForcibly();
            }
        }, "tour-stops-its-stage"));
    }

    /** A thread that copies a stage's output as it comes, until the stage closes it. */
    private static Thread copying(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // The stage's JVM was stopped: what it printed until then is kept.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    /** A response a stage printed: whose it was (its request's label), and the text as printed. */
    record Answer(String label, String shown) {
    }

    /** The responses of a run, in the order the requests were answered, as the run printed them. */
    static List<Answer> answersOf(StageRun run) {
        return run.outcomes().stream().filter(StageRun.Outcome::answered)
                .map(outcome -> new Answer(run.label(outcome.target()), StageRun.shown(outcome.response())))
                .toList();
    }

    /**
     * A stage's lines with every response already shown (by this stage or an earlier one) replaced
     * by one line naming its host: the order of the answers stays visible, the pages are read once.
     */
    static String eachResponseOnce(String lines, List<Answer> answers, Set<String> responsesShown) {
        StringBuilder kept = new StringBuilder();
        int copied = 0;
        int searched = 0;
        for (Answer answer : answers) {
            String response = answer.shown() + System.lineSeparator();
            int at = lines.indexOf(response, searched);
            if (at < 0) {
                continue; // not printed, as with --quiet
            }
            searched = at + response.length();
            if (responsesShown.add(response)) {
                continue; // its first time: printed in full
            }
            kept.append(lines, copied, at)
                    .append("(the response of ").append(answer.label()).append(", as shown above)")
                    .append(System.lineSeparator());
            copied = searched;
        }
        return kept.append(lines.substring(copied)).toString();
    }

    /** One stage's figures: the table's cells, and what the closing sentences need. */
    record Row(String stage, String whatChanged, long wallMillis, long cpuMillis, int threadsSeen, String readsPerHost,
            String answered, Slowest slowest, long requestsAddedUpMillis) {

        static Row of(Stage stage, StageRun run) {
            List<Slowest> times = run.targets().stream()
                    .map(target -> new Slowest(run.label(target), spanMillis(run.events().of(target))))
                    .toList();
            return new Row(stage.name(), stage.whatChanged(), run.wallMillis(), run.clientCpuMillis(),
                    run.events().threads().size(), Tour.readsPerHost(run), run.answeredCount() + " of " + run.targets().size(),
                    times.stream().max(Comparator.comparingLong(Slowest::millis)).orElse(new Slowest("no request", 0)),
                    times.stream().mapToLong(Slowest::millis).sum());
        }

        String[] cells() {
            return new String[] {stage, whatChanged, wallMillis + " ms", cpuMillis + " ms", String.valueOf(threadsSeen),
                readsPerHost, answered};
        }
    }

    /** The request that took longest from its first event to its last, and how long. */
    record Slowest(String request, long millis) {
    }

    private static long spanMillis(List<Event> events) {
        return events.isEmpty() ? 0 : Math.round((events.get(events.size() - 1).nanos() - events.get(0).nanos()) / 1e6);
    }

    /**
     * How many reads returned, per request: data or the end of the response, each a {@code recv}
     * in the article (and a line of stage 3's). One number if all requests agree, else the range.
     */
    static String readsPerHost(StageRun run) {
        var reads = run.targets().stream()
                .mapToLong(target -> run.events().kindsOf(target).stream().filter(kind -> kind == Event.Kind.READ).count())
                .summaryStatistics();
        return reads.getMin() == reads.getMax() ? String.valueOf(reads.getMin()) : reads.getMin() + "-" + reads.getMax();
    }

    /**
     * The closing sentences, written from the figures of this run only, so that they can never
     * claim what the table beside them contradicts. The first row is stage 1, the second stage 2.
     */
    static String whatTheFiguresSay(List<Row> rows) {
        if (rows.size() < 3) {
            return "";
        }
        Row oneAfterAnother = rows.get(0);
        Row polling = rows.get(1);
        List<Row> inFlightTogether = rows.subList(1, rows.size());
        List<Row> waitingToBeTold = rows.subList(2, rows.size());
        Row busiestWaiting = waitingToBeTold.stream().max(Comparator.comparingDouble(Tour::cpuShare)).orElseThrow();
        String first = String.format(Locale.ROOT, "Stage 1 asks one host after another: it took %d ms,"
                + " and its requests' own times add up to %d ms.", oneAfterAnother.wallMillis(),
                oneAfterAnother.requestsAddedUpMillis());
        String second = String.format(Locale.ROOT, "Stages %s keep every request in flight at once: they took %s,"
                + " and stage 1's slowest request (%s) took %d ms alone.", stages(inFlightTogether),
                range(inFlightTogether), oneAfterAnother.slowest().request(), oneAfterAnother.slowest().millis());
        String third = String.format(Locale.ROOT, "Polling (stage 2) kept the CPU busy for %d ms of its %d ms (%d %%);"
                + " the stages that wait to be told (%s) for at most %d %% of theirs (%d ms of %d ms).",
                polling.cpuMillis(), polling.wallMillis(), Math.round(100 * cpuShare(polling)), stages(waitingToBeTold),
                Math.round(100 * cpuShare(busiestWaiting)), busiestWaiting.cpuMillis(), busiestWaiting.wallMillis());
        return String.join(System.lineSeparator(), first, second, third);
    }

    private static double cpuShare(Row row) {
        return row.cpuMillis() / (double) Math.max(1, row.wallMillis());
    }

    /** "2 to 6", from the stages' names ({@code stage2-nonblocking-poll}). */
    private static String stages(List<Row> rows) {
        return number(rows.get(0)) + " to " + number(rows.get(rows.size() - 1));
    }

    private static String number(Row row) {
        return row.stage().replaceFirst("^stage(\\d+).*", "$1");
    }

    private static String range(List<Row> rows) {
        var walls = rows.stream().mapToLong(Row::wallMillis).summaryStatistics();
        return walls.getMin() == walls.getMax() ? walls.getMin() + " ms" : walls.getMin() + " ms to " + walls.getMax() + " ms";
    }

    static String table(List<Row> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(COLUMNS.toArray(String[]::new));
        rows.forEach(row -> all.add(row.cells()));
        int[] widths = new int[COLUMNS.size()];
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < widths.length; i++) {
                line.append(' ').append(String.format(Locale.ROOT, "%-" + widths[i] + "s", all.get(r)[i])).append(" |");
            }
            table.append(line).append(System.lineSeparator());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int width : widths) {
                    rule.append("-".repeat(width + 2)).append('|');
                }
                table.append(rule).append(System.lineSeparator());
            }
        }
        return table.toString();
    }
}
