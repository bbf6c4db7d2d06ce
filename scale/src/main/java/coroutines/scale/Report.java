package coroutines.scale;

import coroutines.testbed.LocalHosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's Markdown: how it was made, the Java programs' JVM modes side by side (cold, AOT
 * cache, warm, each against the same Python run), how the AOT caches were made, the full table, what
 * a start costs, and the article's claim checked against it.
 */
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
                .append(" (programs alternated, and a Java program's JVM modes, the order reversed every other repeat), each program in a process of its own"
                        + " against the local hosts in another; wall and client CPU are the program's own summary line"
                        + " (client CPU: the threads that ran requests), process CPU every thread of the client's process"
                        + " over the same span (a JVM's JIT and GC threads too), which it prints after that line,"
                        + " threads and RSS the process's peaks in /proc (a JVM counts its own threads: GC, JIT and so on)."
                        + " RSS per request is the growth of peak RSS from the smallest N, divided by the added requests;"
                        + " the hosts' CPU is what their process used during the run (the hosts share the machine's"
                        + " cores with the client)."
                        + " The slowest host answers in ").append(slowestHostMillis()).append(" ms.\n\n");
        md.append(sideBySide());
        md.append(training());
        md.append("Every run, with every figure:\n\n");
        md.append("| N | program | JVM | waits by | wall | client CPU | process CPU | peak threads | peak RSS | RSS per request"
                + " | answers byte-exact | wall, CPU vs its Python | hosts' CPU |\n");
        md.append("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (int requests : results.requestCounts()) {
            for (Program program : results.programs()) {
                for (JvmMode mode : program.isPython() ? List.of(JvmMode.COLD) : results.modes()) {
                    md.append(row(program, program.isPython() ? null : mode, requests)).append('\n');
                }
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

    /** The modes side by side: per Java program and N, its Python's wall and CPU, then each mode's and its ratios. */
    private String sideBySide() {
        if (results.programs().stream().allMatch(Program::isPython)) {
            return "";
        }
        StringBuilder md = new StringBuilder("Start-up against steady state: each Java program's JVM "
                + (results.modes().size() == 1 ? "mode" : "modes side by side") + ", wall and client CPU (medians), and"
                + " each as a multiple of the same Python run's: cold, as a JVM with no cache starts; with the AOT"
                + " cache its training run made; warm, after one unmeasured run of the stage in the same JVM.\n\n");
        md.append("| N | program | its Python: wall, CPU |");
        StringBuilder rule = new StringBuilder("|---:|---|---|");
        for (JvmMode mode : results.modes()) {
            md.append(' ').append(mode.label()).append(": wall, CPU | vs its Python |");
            rule.append("---|---|");
        }
        md.append('\n').append(rule).append('\n');
        for (int requests : results.requestCounts()) {
            for (Program program : results.programs()) {
                if (program.isPython()) {
                    continue;
                }
                md.append(String.format("| %,d | %s | %s |", requests, program.name(), pythonFigures(program, requests)));
                for (JvmMode mode : results.modes()) {
                    Optional<Results.Cell> cell = results.cell(program.name(), mode, requests);
                    md.append(cell.map(c -> String.format(" %,d ms, %,d ms | %s |", c.wallMillis(), c.cpuMillis(),
                                    ratios(program, requests, c)))
                            .orElseGet(() -> " " + escaped(problemCell(results.problem(program.name(), mode, requests)
                                    .orElseThrow())) + " | — |"));
                }
                md.append('\n');
            }
        }
        return md.append('\n').toString();
    }

    private String pythonFigures(Program program, int requests) {
        return results.cell(program.pythonPair(), requests)
                .map(c -> String.format("%s %,d ms, %,d ms", program.pythonPair(), c.wallMillis(), c.cpuMillis()))
                .orElseGet(() -> program.pythonPair() + " " + results.problem(program.pythonPair(), requests)
                        .map(Report::shortly).orElse("not run"));
    }

    /** How each AOT cache was made, or why it was not: one line per training run. */
    private String training() {
        if (!results.modes().contains(JvmMode.AOT)) {
            return "";
        }
        if (results.trainings().isEmpty()) {
            return "The AOT column: no training run (a cache needs JDK 25 or newer); its rows say not run and why.\n\n";
        }
        StringBuilder md = new StringBuilder(String.format("The AOT column: at the start, each Java client ran once at"
                + " N = %,d against the hosts, unmeasured, and its JVM wrote the client's AOT cache (`-XX:AOTCacheOutput`,"
                + " JEP 483, 514, 515), made anew at every start of the benchmark. Each training run, from its start to"
                + " its exit (the cache written):%n%n", ScaleBenchmark.TRAINING_REQUESTS));
        for (Results.Training training : results.trainings()) {
            md.append("- ").append(training.made()
                    ? String.format("%s: %,.1f s, a cache of %,.1f MB", training.program(), training.millis() / 1000.0,
                            training.cacheBytes() / 1_048_576.0)
                    : String.format("%s: failed after %,.1f s: %s", training.program(), training.millis() / 1000.0,
                            training.failure())).append('\n');
        }
        return md.append('\n').toString();
    }

    private static String escaped(String cell) {
        return cell.replace("|", "\\|");
    }

    private String row(Program program, JvmMode mode, int requests) {
        String start = String.format("| %,d | %s | %s | %s | ", requests, program.name(), mode == null ? "—" : mode.label(),
                program.model());
        Optional<Results.Cell> cell = results.cell(program.name(), mode, requests);
        if (cell.isEmpty()) {
            Results.Problem problem = results.problem(program.name(), mode, requests).orElseThrow();
            return start + "— | — | — | — | — | — | " + escaped(problemCell(problem)) + " | — | — |";
        }
        Results.Cell c = cell.get();
        return start + String.format("%,d ms | %,d ms | %s | %,d | %,.0f MB | %s | all %,d | %s | %,d ms |", c.wallMillis(),
                c.cpuMillis(), millisOrDash(c.processCpuMillis()), c.peakThreads(), c.peakRssKb() / 1024.0,
                perRequest(program, mode, requests, c), requests, versusPython(program, requests, c), c.hostsCpuMillis());
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

    private String perRequest(Program program, JvmMode mode, int requests, Results.Cell cell) {
        for (int smaller : results.requestCounts()) {
            if (smaller >= requests) {
                break;
            }
            Optional<Results.Cell> base = results.cell(program.name(), mode, smaller);
            if (base.isPresent()) {
                double kb = (cell.peakRssKb() - base.get().peakRssKb()) / (double) (requests - smaller);
                return String.format("%,.1f KB", kb);
            }
        }
        return "—";
    }

    /** A Java figure against its Python's, whatever its JVM mode: every mode is held against the same Python run. */
    private String versusPython(Program program, int requests, Results.Cell cell) {
        if (program.isPython()) {
            return "—";
        }
        String ratios = ratios(program, requests, cell);
        return results.cell(program.pythonPair(), requests).isPresent() ? ratios + " (" + program.pythonPair() + ")" : ratios;
    }

    /** Wall and client CPU as multiples of its Python's ("1.15×, 1.90×"), or why there is no Python figure. */
    private String ratios(Program program, int requests, Results.Cell cell) {
        Optional<Results.Cell> python = results.cell(program.pythonPair(), requests);
        if (python.isEmpty()) {
            return program.pythonPair() + " " + results.problem(program.pythonPair(), requests).map(Report::shortly)
                    .orElse("not run");
        }
        return ratio(cell.wallMillis(), python.get().wallMillis()) + ", " + ratio(cell.cpuMillis(), python.get().cpuMillis());
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
                List<String> verdicts = new ArrayList<>();
                for (JvmMode mode : results.modes()) {
                    verdicts.add(mode.label() + ", " + verdict(stage, mode, python, requests));
                }
                md.append(String.format("- %s beside %s at N = %,d: %s%n", stage, python, requests, String.join("; ", verdicts)));
            }
        }
        if (results.requestCounts().contains(10000)) {
            md.append("\nSection 1 says coroutines, unlike threads, meet no limit of the system. At N = 10,000:\n\n");
            for (Program program : results.programs()) {
                if (program.isPython() || program.name().equals("stage1-threads")) {
                    continue;
                }
                List<String> answers = new ArrayList<>();
                for (JvmMode mode : results.modes()) {
                    Optional<Results.Problem> problem = results.problem(program.name(), mode, 10000);
                    answers.add(mode.label() + " " + (problem.isEmpty() ? "yes"
                            : problem.get().kind() == Results.Kind.NOT_RUN ? problemCell(problem.get())
                            : "no, " + problemCell(problem.get())));
                }
                md.append(String.format("- %s answered every request byte for byte: %s%n", program.name(),
                        String.join("; ", answers)));
            }
        }
        if (results.requestCounts().contains(4)) {
            md.append(String.format("%nWith little I/O, at N = 4, a concurrent program takes about as long as its slowest host"
                    + " (%d ms); its wall time, as a multiple of that:%n%n", slowestHostMillis()));
            for (Program program : results.programs()) {
                if (program.sequential()) {
                    continue;
                }
                List<String> multiples = new ArrayList<>();
                for (JvmMode mode : program.isPython() ? List.of(JvmMode.COLD) : results.modes()) {
                    String multiple = results.cell(program.name(), mode, 4)
                            .map(c -> String.format("%.3f×", c.wallMillis() / (double) slowestHostMillis()))
                            .orElseGet(() -> problemCell(results.problem(program.name(), mode, 4).orElseThrow()));
                    multiples.add(program.isPython() ? multiple : mode.label() + " " + multiple);
                }
                md.append(String.format("- %s: %s%n", program.name(), String.join("; ", multiples)));
            }
        }
        return md.toString();
    }

    /** Less wall time and less client CPU than its Python at N, or not, or why this run cannot tell. */
    private String verdict(String stage, JvmMode mode, String python, int requests) {
        Optional<Results.Cell> java = results.cell(stage, mode, requests);
        Optional<Results.Cell> py = results.cell(python, requests);
        if (java.isEmpty()) {
            return "cannot tell, " + stage + " " + shortly(results.problem(stage, mode, requests).orElseThrow());
        }
        if (py.isEmpty()) {
            return "cannot tell, " + python + " " + shortly(results.problem(python, requests).orElseThrow());
        }
        boolean ahead = java.get().wallMillis() < py.get().wallMillis() && java.get().cpuMillis() < py.get().cpuMillis();
        return String.format("%s wall time and %s CPU: %s", ratio(java.get().wallMillis(), py.get().wallMillis()),
                ratio(java.get().cpuMillis(), py.get().cpuMillis()), ahead ? "less of both, as the article says" : "not less of both");
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
            for (JvmMode mode : program.isPython() ? List.of(JvmMode.COLD) : results.modes()) {
                Optional<Results.Cell> cell = results.cell(program.name(), mode, 4);
                if (cell.isEmpty()) {
                    continue;
                }
                Optional<Long> empty = program.isPython() ? python : jvm;
                long total = cell.get().totalCpuMillis();
                String share = total <= 0 || empty.isEmpty() ? "unknown"
                        : String.format("%.2f", empty.get() / (double) total);
                md.append(String.format("- %s: %s from start to exit, of which an empty %s's start is %s; client CPU %,d ms%n",
                        program.isPython() ? program.name() : program.name() + " (" + mode.label() + ")",
                        total < 0 ? "CPU unknown" : String.format("%,d ms", total),
                        program.isPython() ? "python3" : "JVM", share, cell.get().cpuMillis()));
            }
        }
        md.append("\nThe client CPU column starts at the first connect, after the start: for a Java stage at N = 4 it is"
                + " mostly the stage's classes loading and its code running interpreted while the JIT compiles it (the"
                + " process CPU column adds the JIT's and the GC's threads). Its ratio to Python's there measures a cold"
                + " JVM, not the model. A warm client's start to exit includes its unmeasured first run.\n");
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
