package coroutines.tour;

import coroutines.blocking.BlockingStage;
import coroutines.command.StageCommand;
import coroutines.polling.PollingStage;
import coroutines.selector.SelectorStage;
import coroutines.tasks.TaskStage;
import coroutines.testbed.Event;
import coroutines.testbed.StageRun;
import coroutines.testbed.Stage;
import coroutines.testbed.Target;
import coroutines.yielding.GeneratorStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tour: runs every stage in order with the same arguments (by default against the four
 * local hosts, started afresh for each stage), each with its own lines and timeline, then prints
 * one table that compares them and what its figures say.
 */
public final class Tour {

    /** The stages in the order of the article; stage 6 only where it was built (JDK 21+). */
    public static final List<Stage> STAGES = stages();

    /** Built on JDK 21+ only, so it is looked up by name rather than linked. */
    static final String VIRTUAL_THREAD_STAGE = "coroutines.virtualthreads.VirtualThreadStage";

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

    private static List<Stage> stages() {
        List<Stage> stages = new ArrayList<>(List.of(BlockingStage.STAGE, PollingStage.STAGE, SelectorStage.STAGE,
                GeneratorStage.STAGE, TaskStage.STAGE));
        try {
            stages.add((Stage) Class.forName(VIRTUAL_THREAD_STAGE).getField("STAGE").get(null));
        } catch (ClassNotFoundException e) {
            // A JDK 17-20 build: there is no stage 6, and the tour says so when it starts.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(VIRTUAL_THREAD_STAGE + " has no public STAGE", e);
        }
        return List.copyOf(stages);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the tour; returns 0 if every stage had every host answer, 2 on a usage error, else 1. */
    public static int run(PrintStream out, PrintStream err, String[] args) {
        List<Row> rows = new ArrayList<>();
        Set<String> responsesShown = new HashSet<>();
        int worst = 0;
        if (STAGES.stream().noneMatch(stage -> stage.name().startsWith("stage6"))) {
            out.println("(stage 6, virtual threads, needs JDK 21 or newer: this is JDK "
                    + Runtime.version().feature() + ", so the tour leaves it out.)");
        }
        for (Stage stage : STAGES) {
            out.println("=== " + stage.name() + ": " + stage.whatChanged());
            // Kept until the stage ends, so that a response already shown can be left out.
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            StageCommand.Execution execution = StageCommand.execute(stage,
                    new PrintStream(printed, true, StandardCharsets.UTF_8), err, args);
            String lines = printed.toString(StandardCharsets.UTF_8);
            if (execution.run().isEmpty()) {
                out.print(lines);
                return execution.status(); // --help or a usage error: saying it once is enough
            }
            out.print(eachResponseOnce(lines, execution.run().get(), responsesShown));
            out.println();
            worst = Math.max(worst, execution.status());
            rows.add(Row.of(stage, execution.run().get()));
        }
        out.print(table(rows));
        out.print(COLUMNS_DEFINED);
        out.println();
        out.println(whatTheFiguresSay(rows));
        return worst;
    }

    /**
     * A stage's lines with every response already shown (by this stage or an earlier one) replaced
     * by one line naming its host: the order of the answers stays visible, the pages are read once.
     */
    static String eachResponseOnce(String lines, StageRun run, Set<String> responsesShown) {
        StringBuilder kept = new StringBuilder();
        int copied = 0;
        int searched = 0;
        for (StageRun.Outcome outcome : run.outcomes()) {
            if (!outcome.answered()) {
                continue;
            }
            String response = StageRun.shown(outcome.response()) + System.lineSeparator();
            int at = lines.indexOf(response, searched);
            if (at < 0) {
                continue; // not printed, as with --quiet
            }
            searched = at + response.length();
            if (responsesShown.add(response)) {
                continue; // its first time: printed in full
            }
            kept.append(lines, copied, at)
                    .append("(the response of ").append(run.label(outcome.target())).append(", as shown above)")
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
