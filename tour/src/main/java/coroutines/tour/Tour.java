package coroutines.tour;

import coroutines.blocking.BlockingClient;
import coroutines.polling.PollingClient;
import coroutines.selector.SelectorClient;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
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

    /** The stages in the order of the article. */
    public static final List<Stage> STAGES = List.of(BlockingClient.STAGE, PollingClient.STAGE, SelectorClient.STAGE);

    private Tour() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the tour; returns 0 if every stage had every host answer, 2 on a usage error, else 1. */
    public static int run(PrintStream out, PrintStream err, String[] args) {
        List<String[]> rows = new ArrayList<>();
        int worst = 0;
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
        return worst;
    }

    private static String[] row(Stage stage, Run run) {
        return new String[] {
            stage.name(),
            stage.whatChanged(),
            run.wallMillis() + " ms",
            run.clientCpuMillis() + " ms",
            String.valueOf(run.events().threads().size()),
            run.answeredCount() + " of " + run.targets().size(),
        };
    }

    static String table(List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"stage", "what changed", "wall time", "client CPU", "threads", "answered"});
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
