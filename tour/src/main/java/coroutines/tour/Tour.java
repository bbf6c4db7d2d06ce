package coroutines.tour;

import coroutines.blocking.BlockingClient;
import coroutines.polling.PollingClient;
import coroutines.selector.SelectorClient;
import coroutines.tasks.TaskClient;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
import coroutines.yielding.GeneratorClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tour: runs every stage in order with the same arguments (by default against the four
 * local hosts, started afresh for each stage), each with its own output and timeline, then
 * prints one table that compares them.
 */
public final class Tour {

    /** The stages in the order of the article; stage 6 only where it was built (JDK 21+). */
    public static final List<Stage> STAGES = stages();

    /** Built on JDK 21+ only, so it is looked up by name rather than linked. */
    static final String VIRTUAL_THREAD_CLIENT = "coroutines.virtualthreads.VirtualThreadClient";

    static final String WHAT_THE_NUMBERS_SHOW = "One host after another (stage 1) takes the sum of the latencies;"
            + " requests in flight together (every later stage) take about as long as the slowest host;"
            + " polling (stage 2) keeps the CPU busy the whole time, while waiting to be told (stages 3 to 6)"
            + " leaves it nearly idle.";

    private Tour() {
    }

    private static List<Stage> stages() {
        List<Stage> stages = new ArrayList<>(List.of(BlockingClient.STAGE, PollingClient.STAGE, SelectorClient.STAGE,
                GeneratorClient.STAGE, TaskClient.STAGE));
        try {
            stages.add((Stage) Class.forName(VIRTUAL_THREAD_CLIENT).getField("STAGE").get(null));
        } catch (ClassNotFoundException e) {
            // A JDK 17-20 build: there is no stage 6, and the tour says so when it starts.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(VIRTUAL_THREAD_CLIENT + " has no public STAGE", e);
        }
        return List.copyOf(stages);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the tour; returns 0 if every stage had every host answer, 2 on a usage error, else 1. */
    public static int run(PrintStream out, PrintStream err, String[] args) {
        List<String[]> rows = new ArrayList<>();
        int worst = 0;
        if (STAGES.stream().noneMatch(stage -> stage.name().startsWith("stage6"))) {
            out.println("(stage 6, virtual threads, needs JDK 21 or newer: this is JDK "
                    + Runtime.version().feature() + ", so the tour leaves it out.)");
        }
        for (Stage stage : STAGES) {
            out.println("=".repeat(72));
            out.println("== " + stage.name() + ": " + stage.whatChanged());
            out.println("=".repeat(72));
            StageCommand.Execution execution = StageCommand.execute(stage, out, err, args);
            if (execution.run().isEmpty()) {
                return execution.status(); // --help or a usage error: saying it once is enough
            }
            worst = Math.max(worst, execution.status());
            rows.add(row(stage, execution.run().get()));
            out.println();
        }
        out.print(table(rows));
        out.println();
        out.println(WHAT_THE_NUMBERS_SHOW);
        return worst;
    }

    private static String[] row(Stage stage, Run run) {
        return new String[] {
            stage.name(),
            stage.whatChanged(),
            run.wallMillis() + " ms",
            run.clientCpuMillis() + " ms",
            String.valueOf(run.events().threads().size()),
            readsPerHost(run),
            run.answeredCount() + " of " + run.targets().size(),
        };
    }

    /** How many reads returned data, per request: one number if all requests agree, else the range. */
    static String readsPerHost(Run run) {
        var reads = run.targets().stream().mapToLong(target -> run.events().readsOf(target)).summaryStatistics();
        return reads.getMin() == reads.getMax() ? String.valueOf(reads.getMin()) : reads.getMin() + "-" + reads.getMax();
    }

    static String table(List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"stage", "what changed", "wall time", "client CPU", "threads seen", "reads per host", "answered"});
        all.addAll(rows);
        int[] widths = new int[all.get(0).length];
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
            table.append(line).append('\n');
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int width : widths) {
                    rule.append("-".repeat(width + 2)).append('|');
                }
                table.append(rule).append('\n');
            }
        }
        return table.toString();
    }
}
