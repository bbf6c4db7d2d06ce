package coroutines.scale;

import coroutines.testbed.LocalHosts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The benchmark's Markdown: how it was made, the table, what a start costs, and the article's claim checked against it. */
final class Report {

    /** The stages whose Python twin is the article's own design: the claim is checked on them. */
    private static final List<String> CLAIM_STAGES =
            List.of("stage3-selector-callbacks", "stage5-tasks-futures", "stage6-virtual-threads");
    /** The runtimes whose empty start is measured beside N = 4. */
    static final String JVM = "JVM";
    static final String PYTHON = "python3";

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
        md.append('\n');
        for (String note : List.of(load(), startCosts())) {
            if (!note.isEmpty()) {
                md.append(note).append('\n');
            }
        }
        md.append(claim());
        return md.toString();
    }

    private String row(Program program, int requests) {
        String start = String.format("| %,d | %s | %s | ", requests, program.name(), program.model());
        Optional<Results.Cell> cell = results.cell(program.name(), requests);
        if (cell.isEmpty()) {
            Results.Problem problem = results.problem(program.name(), requests).orElseThrow();
            return start + "— | — | — | — | — | — | " + problemCell(problem).replace("|", "\\|") + " | — | — |";
        }
        Results.Cell c = cell.get();
        return start + String.format("%,d ms | %,d ms | %s | %,d | %,.0f MB | %s | all %,d | %s | %,d ms |", c.wallMillis(),
                c.cpuMillis(), millisOrDash(c.processCpuMillis()), c.peakThreads(), c.peakRssKb() / 1024.0,
                perRequest(program, requests, c), requests, versusPython(program, requests, c), c.hostsCpuMillis());
    }

    /** The table's words for a missing figure: not run and why, disturbed by load and what to do, or failed and how. */
    static String problemCell(Results.Problem problem) {
        return switch (problem.kind()) {
            case NOT_RUN -> "**not run**: " + problem.reason();
            case FAILED -> "**failed**: " + problem.reason();
            case DISTURBED -> "**disturbed by load**" + problem.reason().substring("disturbed by load".length());
        };
    }

    /** A few words for a missing figure, for the ratio column, the claim and the chart. */
    static String shortly(Results.Problem problem) {
        return switch (problem.kind()) {
            case NOT_RUN -> "not run";
            case FAILED -> "failed";
            case DISTURBED -> "disturbed by load";
        };
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
            return program.pythonPair() + " " + results.problem(program.pythonPair(), requests).map(Report::shortly)
                    .orElse("not run");
        }
        return String.format("%s, %s (%s)", ratio(cell.wallMillis(), python.get().wallMillis()),
                ratio(cell.cpuMillis(), python.get().cpuMillis()), program.pythonPair());
    }

    private static String ratio(long java, long python) {
        return python == 0 ? "∞" : String.format("%.2f×", java / (double) python);
    }

    /** The article's claim, checked where this run can check it, in a reader's words. */
    private String claim() {
        StringBuilder md = new StringBuilder("The article's claim, as this run measured it. Its foreword says that where there is"
                + " much I/O (\"在io比较多的场景中\"), code written with the Async syntax does the same work in less time, with"
                + " fewer resources. Here: at N = 1,000 and 10,000, less wall time and less client CPU than the article's"
                + " Python program of the same design.\n\n");
        for (String stage : CLAIM_STAGES) {
            Optional<Program> program = results.program(stage);
            for (int requests : List.of(1000, 10000)) {
                String python = program.map(Program::pythonPair).orElse("its Python");
                if (program.isEmpty() || !results.requestCounts().contains(requests)) {
                    md.append(String.format("- %s beside %s at N = %,d: not measured in this run%n", stage, python, requests));
                    continue;
                }
                Optional<Results.Cell> java = results.cell(stage, requests);
                Optional<Results.Cell> py = results.cell(python, requests);
                String verdict;
                if (java.isEmpty() || py.isEmpty()) {
                    String missing = java.isEmpty() ? stage : python;
                    verdict = "cannot tell, " + missing + " " + shortly(results.problem(missing, requests).orElseThrow());
                } else {
                    boolean ahead = java.get().wallMillis() < py.get().wallMillis() && java.get().cpuMillis() < py.get().cpuMillis();
                    verdict = String.format("%s wall time and %s CPU: %s", ratio(java.get().wallMillis(), py.get().wallMillis()),
                            ratio(java.get().cpuMillis(), py.get().cpuMillis()),
                            ahead ? "less of both, as the article says" : "not less of both");
                }
                md.append(String.format("- %s beside %s at N = %,d: %s%n", stage, python, requests, verdict));
            }
        }
        if (results.requestCounts().contains(10000)) {
            md.append("\nSection 1 says coroutines, unlike threads, meet no limit of the system. At N = 10,000:\n\n");
            for (Program program : results.programs()) {
                if (program.isPython() || program.name().equals("stage1-threads")) {
                    continue;
                }
                md.append(String.format("- %s answered every request byte for byte: %s%n", program.name(),
                        results.cell(program.name(), 10000).isPresent() ? "yes"
                                : "no, " + problemCell(results.problem(program.name(), 10000).orElseThrow())));
            }
        }
        if (results.requestCounts().contains(4)) {
            md.append(String.format("%nWith little I/O, at N = 4, a concurrent program takes about as long as its slowest host"
                    + " (%d ms); its wall time, as a multiple of that:%n%n", slowestHostMillis()));
            for (Program program : results.programs()) {
                if (program.sequential()) {
                    continue;
                }
                md.append(String.format("- %s: %s%n", program.name(), results.cell(program.name(), 4)
                        .map(c -> String.format("%.3f×", c.wallMillis() / (double) slowestHostMillis()))
                        .orElseGet(() -> problemCell(results.problem(program.name(), 4).orElseThrow()))));
            }
        }
        return md.toString();
    }

    /** Under the table, when N = 4 was run: what a runtime's start costs beside each program's CPU there. */
    private String startCosts() {
        if (!results.requestCounts().contains(4)) {
            return "";
        }
        Optional<Long> jvm = results.startCpuMillis(JVM);
        Optional<Long> python = results.startCpuMillis(PYTHON);
        StringBuilder md = new StringBuilder("What a start costs, at N = 4. Measured in this run (medians), a JVM that starts and"
                + " exits running nothing (`java ... coroutines.scale.StartOnly`, with the clients' options) used "
                + millisOrUnknown(jvm) + " of CPU from its start to its exit, and `python3 -c pass` "
                + millisOrUnknown(python) + " (python3 started as its interpreter, as the programs are, so that a launcher"
                + " such as pyenv's shim is not counted). Each program at N = 4, from its start to its exit, and how much of that an"
                + " empty start is:\n\n");
        for (Program program : results.programs()) {
            Optional<Results.Cell> cell = results.cell(program.name(), 4);
            if (cell.isEmpty()) {
                continue;
            }
            Optional<Long> empty = program.isPython() ? python : jvm;
            long total = cell.get().totalCpuMillis();
            String share = total <= 0 || empty.isEmpty() ? "unknown"
                    : String.format("%.2f", empty.get() / (double) total);
            md.append(String.format("- %s: %s from start to exit, of which an empty %s's start is %s; client CPU %,d ms%n",
                    program.name(), total < 0 ? "CPU unknown" : String.format("%,d ms", total),
                    program.isPython() ? "python3" : "JVM", share, cell.get().cpuMillis()));
        }
        md.append("\nThe client CPU column starts at the first connect, after the start: for a Java stage at N = 4 it is"
                + " mostly the stage's classes loading and its code running interpreted while the JIT compiles it (the"
                + " process CPU column adds the JIT's and the GC's threads). Its ratio to Python's there measures a cold"
                + " JVM, not the model.\n");
        return md.toString();
    }

    /** Under the table: how many runs had other processes taking a share of the cores. */
    private String load() {
        Results.UnderLoad load = results.underLoad();
        if (load.disturbed() == 0) {
            return "";
        }
        return String.format("%,d of %,d runs ran while other processes used a quarter of the cores' time or more: their"
                + " figures say as much about the machine as about the program. Run again on a quiet machine.%n",
                load.disturbed(), load.ran());
    }

    private static String millisOrUnknown(Optional<Long> millis) {
        return millis.map(m -> String.format("%,d ms", m)).orElse("an unknown amount (no /proc)");
    }
}
