package coroutines.scale;

import coroutines.testbed.LocalHosts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The benchmark's Markdown: how it was made, the table, and the goals checked against it. */
final class Report {

    /** The stages the goals name, with the Python program each is held against. */
    private static final List<String> GOAL_STAGES =
            List.of("stage3-selector-callbacks", "stage5-tasks-futures", "stage6-virtual-threads");
    private static final List<String> COMPLETE_AT_10000 = List.of("stage3-selector-callbacks",
            "stage4-generator-coroutines", "stage5-tasks-futures", "stage6-virtual-threads");

    private final Results results;
    private final int runs;
    private final String machine;
    private final String command;

    Report(Results results, int runs, String machine, String command) {
        this.results = results;
        this.runs = runs;
        this.machine = machine;
        this.command = command;
    }

    /** The slowest host's answer: its latency, then the pause between the two parts of its body. */
    static long slowestHostMillis() {
        return LocalHosts.DEFAULT_LATENCIES.values().stream().mapToLong(Duration::toMillis).max().orElse(0)
                + LocalHosts.DEFAULT_PART_PAUSE.toMillis();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Made by `").append(command.strip()).append("` on ").append(machine).append(".\n\n");
        md.append("Each figure is the median of ").append(runs).append(runs == 1 ? " run" : " runs")
                .append(" (programs alternated, order reversed every other repeat), each program in a process of its own"
                        + " against the local hosts in another; wall and client CPU are the program's own summary line"
                        + " (client CPU: the threads that ran requests), process CPU every thread of the client's process"
                        + " over the same span (a JVM's JIT and GC threads too), which it prints after that line,"
                        + " threads and RSS the process's peaks in /proc (a JVM counts its own threads: GC, JIT and so on)."
                        + " RSS per request is the growth of peak RSS from the smallest N, divided by the added requests;"
                        + " the hosts' CPU is what their process used during the run (the hosts share the machine's"
                        + " cores with the client)."
                        + " The slowest host answers in ").append(slowestHostMillis()).append(" ms.\n\n");
        md.append("| N | program | waits by | wall | client CPU | process CPU | peak threads | peak RSS | RSS per request"
                + " | answers byte-exact | wall, CPU vs its Python | hosts' CPU |\n");
        md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (int requests : results.requestCounts()) {
            for (Program program : results.programs()) {
                md.append(row(program, requests)).append('\n');
            }
        }
        md.append('\n').append(goals());
        return md.toString();
    }

    private String row(Program program, int requests) {
        String start = String.format("| %,d | %s | %s | ", requests, program.name(), program.model());
        Optional<Results.Cell> cell = results.cell(program.name(), requests);
        if (cell.isEmpty()) {
            return start + "— | — | — | — | — | — | **failed**: " + results.failure(program.name(), requests).replace("|", "\\|") + " | — | — |";
        }
        Results.Cell c = cell.get();
        return start + String.format("%,d ms | %,d ms | %s | %,d | %,.0f MB | %s | all %,d | %s | %,d ms |", c.wallMillis(),
                c.cpuMillis(), millisOrDash(c.processCpuMillis()), c.peakThreads(), c.peakRssKb() / 1024.0,
                perRequest(program, requests, c), requests, versusPython(program, requests, c), c.hostsCpuMillis());
    }

    /** A figure a program may not have printed (-1): the process CPU of a client that does not print it. */
    private static String millisOrDash(long millis) {
        return millis < 0 ? "—" : String.format("%,d ms", millis);
    }

    private String perRequest(Program program, int requests, Results.Cell cell) {
        for (int smaller : results.requestCounts()) {
            if (smaller >= requests) {
                break;
            }
            Optional<Results.Cell> base = results.cell(program.name(), smaller);
            if (base.isPresent()) {
                double kb = (cell.peakRssKb() - base.get().peakRssKb()) / (double) (requests - smaller);
                return String.format("%,.1f KB", kb);
            }
        }
        return "—";
    }

    private String versusPython(Program program, int requests, Results.Cell cell) {
        if (program.isPython()) {
            return "—";
        }
        Optional<Results.Cell> python = results.cell(program.pythonPair(), requests);
        if (python.isEmpty()) {
            return program.pythonPair() + " failed or not run";
        }
        return String.format("%s, %s (%s)", ratio(cell.wallMillis(), python.get().wallMillis()),
                ratio(cell.cpuMillis(), python.get().cpuMillis()), program.pythonPair());
    }

    private static String ratio(long java, long python) {
        return python == 0 ? "∞" : String.format("%.2f×", java / (double) python);
    }

    private String goals() {
        StringBuilder md = new StringBuilder("Goals of issue 11, as this run measured them:\n\n");
        for (String stage : GOAL_STAGES) {
            Optional<Program> program = results.program(stage);
            for (int requests : List.of(1000, 10000)) {
                if (program.isEmpty() || !results.requestCounts().contains(requests)) {
                    md.append(String.format("- %s at N = %,d beside %s: not measured in this run%n", stage, requests,
                            program.map(Program::pythonPair).orElse("its Python")));
                    continue;
                }
                Optional<Results.Cell> java = results.cell(stage, requests);
                Optional<Results.Cell> python = results.cell(program.get().pythonPair(), requests);
                String verdict;
                if (java.isEmpty() || python.isEmpty()) {
                    verdict = "cannot tell: " + (java.isEmpty() ? stage : program.get().pythonPair()) + " failed";
                } else {
                    boolean ahead = java.get().wallMillis() < python.get().wallMillis()
                            && java.get().cpuMillis() < python.get().cpuMillis();
                    verdict = (ahead ? "met" : "missed") + ": wall " + ratio(java.get().wallMillis(), python.get().wallMillis())
                            + ", CPU " + ratio(java.get().cpuMillis(), python.get().cpuMillis());
                }
                md.append(String.format("- %s ahead of %s at N = %,d: %s%n", stage, program.get().pythonPair(), requests, verdict));
            }
        }
        for (String stage : COMPLETE_AT_10000) {
            if (results.program(stage).isPresent() && results.requestCounts().contains(10000)) {
                md.append(String.format("- %s completes N = 10,000 byte-exact: %s%n", stage,
                        results.cell(stage, 10000).isPresent() ? "met" : "missed (" + results.failure(stage, 10000) + ")"));
            }
        }
        if (results.requestCounts().contains(4)) {
            for (Program program : results.programs()) {
                if (program.isPython()) {
                    continue;
                }
                md.append(String.format("- %s at N = 4 within 1.05 of the slowest host (%d ms): %s%n", program.name(),
                        slowestHostMillis(), results.cell(program.name(), 4)
                                .map(c -> (c.wallMillis() <= 1.05 * slowestHostMillis() ? "met" : "missed")
                                        + String.format(" (%.3f)", c.wallMillis() / (double) slowestHostMillis()))
                                .orElse("missed (" + results.failure(program.name(), 4) + ")")));
            }
        }
        return md.toString();
    }
}
