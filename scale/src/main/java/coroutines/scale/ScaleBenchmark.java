package coroutines.scale;

import coroutines.command.StageJvm;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.SummaryLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scale benchmark ({@code ./run scale}): the local hosts in a process of their own, then, at
 * each N, every program in a process of its own making N requests, alternated and repeated, each
 * answer checked byte for byte. A Java program runs in up to three JVM modes, side by side: cold,
 * with the AOT cache a training run made at the benchmark's start (JDK 25+), and warm; each is held
 * against the same Python run. Writes a Markdown table and an SVG chart. A benchmark, run on
 * purpose: {@code ./mvnw test} never runs it, and no test looks at its figures.
 */
@Command(name = "./run scale", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Every stage at N concurrent requests beside the article's Python programs, against the "
                + "local hosts in a process of their own.")
public final class ScaleBenchmark implements Callable<Integer> {

    private static final Pattern PROCESS_CPU =
            Pattern.compile("^" + ScaleClient.PROCESS_CPU_PREFIX + "(\\d+) ms$", Pattern.MULTILINE);
    private static final Pattern DIGEST = Pattern.compile("^digest (\\S+) ([0-9a-f]{64}) (\\d+)$", Pattern.MULTILINE);
    // The one line StageJvm.sayIfTheCacheWasNotUsed prints in the client when the JVM rejected its cache.
    private static final Pattern CACHE_NOT_USED =
            Pattern.compile("^\\(the AOT cache \\S+ was not used, so this JVM starts cold: (.*); \\S.*\\)$", Pattern.MULTILINE);
    /** The training run's workload: each Java client once at this N against the benchmark's hosts, unmeasured. */
    static final int TRAINING_REQUESTS = 1000;

    @Option(names = "--ns", split = ",", paramLabel = "N[,N...]",
            description = "How many requests per run. Default: 4,100,1000,10000 (--quick: 4,100,1000).")
    private List<Integer> ns;

    @Option(names = "--repeats", paramLabel = "R", description = "Runs of each program at each N. Default: 3 (--quick: 1).")
    private Integer repeats;

    @Option(names = "--programs", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Which programs to run (default: all of them but stage 2). One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = ProgramNames.class)
    private List<String> programNames;

    @Option(names = "--quick", description = "A small run that takes a few minutes: --ns 4,100,1000 --repeats 1.")
    private boolean quick;

    @Option(names = "--budget", paramLabel = "S", defaultValue = "60",
            description = "The longest one run may take, in seconds: a run past it is stopped and shown failed; the"
                    + " sequential program, where it would need longer, is not run. Default: ${DEFAULT-VALUE}.")
    private int budgetSeconds;

    @Option(names = "--timeout", paramLabel = "MS",
            description = "How long each request of every program may wait without progress, in ms: passed on to each"
                    + " program. Default: each program's own (5000). Longer helps on a busy machine.")
    private Integer timeoutMillis;

    @Option(names = "--java-options", split = " ", paramLabel = "OPTIONS",
            description = "JVM options for every Java client, e.g. -XX:TieredStopAtLevel=1 or a JFR recording, to find out where time goes.")
    private List<String> javaOptions = new ArrayList<>();

    @Option(names = "--jvm", split = ",", paramLabel = "MODE[,MODE...]",
            description = "How each Java client's JVM starts, one column each: cold (no cache, as a JVM starts),"
                    + " aot (the AOT cache a training run makes at the start, JDK 25+), warm (the stage runs once,"
                    + " unmeasured, in the same JVM first). Default: cold,aot,warm.")
    private List<JvmMode> jvmModes = List.of(JvmMode.COLD, JvmMode.AOT, JvmMode.WARM);

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "scale/target/scale",
            description = "Where the table (scale.md) and the chart (scale.svg) go, relative to the repository. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Option(names = "--pictures", description = "Also keep a picture of each Java program's first run at each N"
            + " and JVM mode (--picture), in DIR/pictures/PROGRAM-N-MODE.html, to see what the figures measured."
            + " Writing the page comes after the summary line, but inside the process whose CPU and RSS the table shows.")
    private boolean pictures;

    // The pictures already kept in this run, as PROGRAM-N-MODE: one each.
    private final Set<String> pictured = new HashSet<>();

    // python3's own interpreter, as found on the PATH at the start of the run.
    private String pythonInterpreter = "python3";
    private final Path root = Path.of(System.getProperty("coroutines.root", ".")).toAbsolutePath().normalize();
    private final StageJvm stageJvm = new StageJvm(root);
    // Every Java client's class path: the benchmark's own, its class directories packed as JARs, so
    // that an AOT cache can hold them and the cold and warm runs load the very same files.
    private List<Path> jars;
    // Why a Java program has no AOT cache in this run (the training failed), by program name.
    private final Map<String, String> untrained = new LinkedHashMap<>();
    private final List<String> arguments;

    private ScaleBenchmark(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBenchmark(List.of(args))).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** Every program the benchmark knows, in the order it runs them: each Java stage beside its Python. */
    static List<Program> allPrograms(Path python) {
        List<Program> programs = new ArrayList<>();
        programs.add(Program.java("stage1-threads", "blocking, a platform thread per request", "py-threads"));
        programs.add(Program.python("py-threads", "blocking, a thread per request (section 1's code)",
                python.resolve("section1_blocking.py"), false, "--threads"));
        programs.add(Program.java("stage2-nonblocking-poll", "one thread polls every socket", "py-poll"));
        programs.add(Program.python("py-poll", "one thread polls every socket (section 2)",
                python.resolve("section2_poll.py"), false));
        programs.add(Program.java("stage3-selector-callbacks", "one selector, callbacks", "py-callbacks"));
        programs.add(Program.python("py-callbacks", "one selector, callbacks (section 2)",
                python.resolve("section2_callbacks.py"), false));
        programs.add(Program.java("stage4-generator-coroutines", "generators resumed by a selector", "py-futures"));
        programs.add(Program.java("stage5-tasks-futures", "Future, Task, a selector loop", "py-futures"));
        programs.add(Program.python("py-futures", "Future, Task, a selector loop (section 3.2)",
                python.resolve("section3_futures.py"), false));
        // Listed on every JDK: where it was not built (before 21), its rows say so.
        programs.add(Program.java("stage6-virtual-threads", "blocking code, a virtual thread per request", "py-asyncio"));
        programs.add(Program.python("py-asyncio", "async/await on asyncio's loop",
                python.resolve("asyncio_version.py"), false));
        programs.add(Program.python("py-sequential", "blocking, one request after another (section 1)",
                python.resolve("section1_blocking.py"), true));
        return programs;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Integer> requestCounts = ns != null ? ns : quick ? List.of(4, 100, 1000) : List.of(4, 100, 1000, 10000);
        int runs = repeats != null ? repeats : quick ? 1 : 3;
        List<Program> programs = chosenPrograms();
        String python = PythonCheck.version();
        if (python != null) {
            pythonInterpreter = PythonCheck.interpreter();
        }
        Duration budget = Duration.ofSeconds(budgetSeconds);
        List<JvmMode> modes = jvmModes.stream().distinct().toList();
        jars = stageJvm.jars(StageJvm.ownClassPath());
        Path outDir = root.resolve(out);
        Files.createDirectories(outDir);

        Results results = new Results(programs, modes, requestCounts);
        System.out.println("machine load before the run: " + MachineLoad.now(cores()));
        try (HostsProcess hosts = HostsProcess.start(root)) {
            System.out.println("hosts: process " + hosts.pid() + "; " + hosts.backlogNote());
            // The hosts' JVM compiles its serving code during its first burst: one unmeasured run first,
            // so that no program pays for that in the hosts' share of the cores.
            int largest = Collections.max(requestCounts);
            Program warmUp = programs.get(0);
            System.out.println("warm-up (not measured): " + warmUp.name() + " at N=" + largest + ": "
                    + describe(measure(warmUp, JvmMode.COLD, largest, hosts, python, budget)));
            if (modes.contains(JvmMode.AOT)) {
                train(programs, hosts, budget, results);
            }
            for (int repeat = 0; repeat < runs; repeat++) {
                if (requestCounts.contains(4)) {
                    measureStarts(results, python, budget, repeat + 1, runs);
                }
                for (int requests : requestCounts) {
                    // Alternate the order from one repeat to the next, so that no program, and no JVM mode, always runs first.
                    List<Program> order = new ArrayList<>(programs);
                    List<JvmMode> modeOrder = new ArrayList<>(modes);
                    if (repeat % 2 == 1) {
                        Collections.reverse(order);
                        Collections.reverse(modeOrder);
                    }
                    for (Program program : order) {
                        Map<JvmMode, Measurement> byMode = new EnumMap<>(JvmMode.class);
                        for (JvmMode mode : program.isPython() ? List.of(JvmMode.COLD) : modeOrder) {
                            Measurement measurement = measure(program, mode, requests, hosts, python, budget);
                            results.add(program, mode, measurement);
                            byMode.put(mode, measurement);
                            System.out.println(progressLine(repeat + 1, runs, program,
                                    program.isPython() ? null : mode, measurement));
                        }
                        if (byMode.size() > 1) {
                            System.out.println(sideBySide(repeat + 1, runs, program, requests, byMode));
                        }
                    }
                }
            }
        }
        Report report = new Report(results, runs, Machine.describe(python), "./run scale " + String.join(" ", arguments));
        Files.writeString(outDir.resolve("scale.md"), report.markdown(), StandardCharsets.UTF_8);
        Chart.write(results, outDir.resolve("scale.svg"));
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("wrote " + root.relativize(outDir.resolve("scale.md")) + " and "
                + root.relativize(outDir.resolve("scale.svg")));
        return 0;
    }

    private List<Program> chosenPrograms() {
        List<Program> all = allPrograms(root.resolve("python"));
        if (programNames == null) {
            return all.stream().filter(p -> !p.name().startsWith("stage2") && !p.name().equals("py-poll")).toList();
        }
        List<Program> chosen = new ArrayList<>();
        for (String name : programNames) {
            chosen.add(all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new CommandLine.ParameterException(new CommandLine(this), "--programs: no program named " + name
                            + "; the programs are " + all.stream().map(Program::name).toList())));
        }
        return chosen;
    }

    /**
     * The training runs: on JDK 25+, each Java client once at N = 1,000 against the hosts, unmeasured,
     * its JVM recording the classes it loads and links and its methods' profiles into the client's AOT
     * cache (JDK 25's cache holds no compiled code: the JIT still compiles, from those profiles). Made anew at
     * every start, so that the benchmark never uses a cache made by other code, another JDK or other
     * options. A failed training leaves that client's AOT column "not run", and nothing else.
     */
    private void train(List<Program> programs, HostsProcess hosts, Duration budget, Results results)
            throws IOException, InterruptedException {
        if (!StageJvm.aotCacheSupported()) {
            System.out.println("AOT cache: " + aotNotSupported() + "; the aot column says not run");
            return;
        }
        for (Program program : programs) {
            if (program.isPython() || !ScaleClient.stages().containsKey(program.name())) {
                continue;
            }
            String client = client(program);
            Path cache = stageJvm.cacheFile(client);
            Files.deleteIfExists(cache); // a failed training must not leave the last one's cache in use
            List<String> command = stageJvm.command(client, StageJvm.Cache.TRAIN, jars, javaOptions,
                    ScaleClient.class.getName(), clientArguments(program, TRAINING_REQUESTS, hosts));
            long start = System.nanoTime();
            ProcessWatch.Result result = ProcessWatch.run(command, root, budget);
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Beside the cache, under target: what the run printed and the JVM's own log, never committed.
            Path log = cache.resolveSibling(client + "-training.txt");
            Files.writeString(log, trainingLog(command, result), StandardCharsets.UTF_8);
            Results.Training training = Files.isRegularFile(cache) && Files.size(cache) > 0 && !result.timedOut()
                    ? new Results.Training(program.name(), millis, Files.size(cache), null)
                    : new Results.Training(program.name(), millis, 0, whyNoCache(result, budget) + ", see " + root.relativize(log));
            if (!training.made()) {
                untrained.put(program.name(), training.failure());
                Files.deleteIfExists(cache);
            }
            results.addTraining(training);
            System.out.println(training.describe(root.relativize(cache)));
        }
    }

    private static String whyNoCache(ProcessWatch.Result result, Duration budget) {
        if (result.timedOut()) {
            return "did not finish within " + budget.toSeconds() + " s (stopped)";
        }
        String said = firstLine(result.stderr(), firstLine(result.stdout(), "nothing printed"));
        return result.exitStatus() != 0 ? "exit status " + result.exitStatus() + ": " + said : "the JVM wrote no cache: " + said;
    }

    /** The command, what the training run printed, and the JVM's own log, for a reader to see why. */
    private static String trainingLog(List<String> command, ProcessWatch.Result result) throws IOException {
        StringBuilder text = new StringBuilder("command: " + String.join(" ", command) + "\nexit status: "
                + result.exitStatus() + (result.timedOut() ? " (stopped: past the budget)" : "") + "\n\nstdout:\n"
                + result.stdout() + "\nstderr:\n" + result.stderr());
        for (String word : command) {
            if (word.startsWith("-Xlog:all=warning:file=")) {
                Path jvmLog = Path.of(word.substring("-Xlog:all=warning:file=".length()).replaceFirst("::.*$", ""));
                if (Files.exists(jvmLog)) {
                    text.append("\nthe JVM's log (").append(jvmLog).append("):\n").append(Files.readString(jvmLog));
                }
            }
        }
        return text.toString();
    }

    private static String aotNotSupported() {
        return aotNotSupported(Runtime.version().feature());
    }

    /** Why the AOT column is not run on an older JDK: it needs none of the run's figures to say so. */
    static String aotNotSupported(int jdk) {
        return "needs JDK " + StageJvm.FIRST_AOT_JDK + "+, and this is JDK " + jdk;
    }

    /** The name of a Java program's AOT cache: its own, apart from ./run N's (run-MODULE). */
    private static String client(Program program) {
        return "scale-" + program.name();
    }

    /** What a runtime that starts and exits running nothing costs: the floor under every figure at N = 4. */
    private void measureStarts(Results results, String python, Duration budget, int repeat, int runs)
            throws IOException, InterruptedException {
        List<String> jvm = stageJvm.command("scale-start-only", StageJvm.Cache.NONE, jars, javaOptions,
                StartOnly.class.getName(), List.of());
        long jvmCpu = ProcessWatch.run(jvm, root, budget).totalCpuMillis();
        results.addStart(Report.JVM, jvmCpu);
        String line = String.format("[%d/%d] a JVM that starts and exits running nothing: %s", repeat, runs, cpuOrUnknown(jvmCpu));
        if (python != null) {
            long pythonCpu = ProcessWatch.run(List.of(pythonInterpreter, "-c", "pass"), root, budget).totalCpuMillis();
            results.addStart(Report.PYTHON, pythonCpu);
            line += "; python3 -c pass: " + cpuOrUnknown(pythonCpu);
        }
        System.out.println(line);
    }

    private static String cpuOrUnknown(long millis) {
        return millis < 0 ? "CPU unknown (no /proc)" : String.format("%,d ms CPU from start to exit", millis);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private Measurement measure(Program program, JvmMode mode, int requests, HostsProcess hosts, String python,
                                Duration budget) throws IOException, InterruptedException {
        if (program.isPython() && python == null) {
            return Measurement.notRun(requests, "no python3 on PATH");
        }
        if (!program.isPython() && !ScaleClient.stages().containsKey(program.name())) {
            return Measurement.notRun(requests, program.name() + " is built on JDK 21 or newer only,"
                    + " and this is JDK " + Runtime.version().feature());
        }
        if (program.sequential()) {
            long expectedMillis = requests * HostsProcess.meanAnswerMillis();
            if (expectedMillis > budget.toMillis()) {
                return Measurement.notRun(requests, String.format("one request after another takes about"
                        + " %,d x %d ms = %,d s, past the budget of %d s per run", requests,
                        HostsProcess.meanAnswerMillis(), expectedMillis / 1000, budget.toSeconds()));
            }
        }
        List<String> command = clientArguments(program, requests, hosts);
        if (program.isPython()) {
            command.set(0, pythonInterpreter);
        } else {
            if (mode == JvmMode.AOT && !StageJvm.aotCacheSupported()) {
                return Measurement.notRun(requests, aotNotSupported());
            }
            if (mode == JvmMode.AOT && untrained.containsKey(program.name())) {
                return Measurement.notRun(requests, "training failed: " + untrained.get(program.name()));
            }
            String pictureName = program.name() + "-" + requests + "-" + mode.name().toLowerCase(Locale.ROOT);
            if (pictures && pictured.add(pictureName)) {
                Path picturesDir = root.resolve(out).resolve("pictures");
                Files.createDirectories(picturesDir);
                command.addAll(List.of("--picture", picturesDir.resolve(pictureName + ".html").toString()));
            }
            List<String> options = new ArrayList<>(javaOptions);
            if (mode == JvmMode.WARM) {
                options.add(0, "-D" + ScaleClient.WARM_JVM + "=true");
            }
            command = stageJvm.command(client(program), mode.cache(), jars, options, ScaleClient.class.getName(), command);
        }
        long hostsCpuBefore = hosts.cpuMillis();
        MachineLoad.Sample before = MachineLoad.sample();
        ProcessWatch.Result result = ProcessWatch.run(command, root, budget);
        MachineLoad.Sample after = MachineLoad.sample();
        long hostsCpu = hostsCpuBefore < 0 ? -1 : hosts.cpuMillis() - hostsCpuBefore;
        Measurement measured = judge(requests, result, hosts.answers(), budget, hostsCpu,
                MachineLoad.between(before, after, hostsCpu, cores()));
        return mode == JvmMode.AOT && !program.isPython() ? withCacheChecked(measured, result.stderr()) : measured;
    }

    /** A Python program's whole command, or a Java stage's arguments to ScaleClient, with --timeout if given. */
    private List<String> clientArguments(Program program, int requests, HostsProcess hosts) {
        List<String> command = program.commandFor(requests, hosts.resolveArguments());
        if (timeoutMillis != null) {
            command.addAll(List.of("--timeout", timeoutMillis.toString()));
        }
        return command;
    }

    /**
     * An AOT run whose JVM rejected the cache (the client says so in one line) ran cold: it is not an
     * AOT figure, so it is shown failed with the JVM's reason. The run itself went on as it would without one.
     */
    static Measurement withCacheChecked(Measurement measured, String stderr) {
        Matcher notUsed = CACHE_NOT_USED.matcher(stderr);
        if (!notUsed.find() || measured.failure() != null) {
            return measured;
        }
        return new Measurement(measured.requests(), measured.wallMillis(), measured.cpuMillis(), measured.processCpuMillis(),
                measured.totalCpuMillis(), measured.answered(), measured.exact(), measured.peakThreads(), measured.peakRssKb(),
                measured.hostsCpuMillis(), "the JVM did not use the AOT cache, so this run was cold: " + notUsed.group(1),
                null, measured.load());
    }

    /** The run's figures from its summary line, its answers checked against each host's digest. */
    static Measurement judge(int requests, ProcessWatch.Result result, Map<String, String> answers, Duration budget,
                             long hostsCpuMillis, MachineLoad.Load load) {
        String output = result.stdout();
        Optional<SummaryLine> summary = SummaryLine.findIn(output);
        long wall = summary.map(SummaryLine::wallMillis).orElse(-1L);
        long cpu = summary.map(SummaryLine::clientCpuMillis).orElse(-1L);
        int answered = summary.map(SummaryLine::answered).orElse(0);
        Matcher processCpuLine = PROCESS_CPU.matcher(output);
        long processCpu = processCpuLine.find() ? Long.parseLong(processCpuLine.group(1)) : -1;
        int exact = 0;
        Matcher digest = DIGEST.matcher(output);
        while (digest.find()) {
            if (digest.group(2).equals(answers.get(digest.group(1)))) {
                exact += Integer.parseInt(digest.group(3));
            }
        }
        String failure = null;
        if (result.timedOut()) {
            failure = "did not finish within " + budget.toSeconds() + " s (stopped)";
        } else if (wall < 0) {
            failure = "no summary line: " + firstLine(result.stderr(), firstLine(output, "exit status " + result.exitStatus()));
        } else if (exact < requests) {
            failure = String.format("%,d of %,d answered, %,d byte-exact; %s", answered, requests, exact,
                    firstFailure(output, result.stderr()));
        }
        return new Measurement(requests, wall, cpu, processCpu, result.totalCpuMillis(), answered, exact,
                result.peakThreads(), result.peakRssKb(), hostsCpuMillis, failure, null, load);
    }

    private static String firstFailure(String output, String stderr) {
        for (String line : output.split("\n")) {
            if (line.contains(" failed: ") || line.startsWith("the stage itself failed")) {
                return "first: " + line;
            }
        }
        return firstLine(stderr, "no failure line printed");
    }

    private static String firstLine(String text, String otherwise) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().map(String::strip).orElse(otherwise);
    }

    /** One run: its program, its JVM mode (null for a Python program), what it gave. */
    static String progressLine(int repeat, int runs, Program program, JvmMode mode, Measurement m) {
        return String.format("[%d/%d] N=%-6d %-28s %-10s %s", repeat, runs, m.requests(), program.name(),
                mode == null ? "" : mode.label(), describe(m));
    }

    /** A Java program's modes at one N in this repeat, side by side: wall and client CPU, or why there is none. */
    static String sideBySide(int repeat, int runs, Program program, int requests, Map<JvmMode, Measurement> byMode) {
        List<String> columns = new ArrayList<>();
        for (JvmMode mode : JvmMode.values()) {
            Measurement m = byMode.get(mode);
            if (m != null) {
                columns.add(mode.label() + " " + (m.ok() ? String.format("%,d ms wall %,d ms CPU", m.wallMillis(), m.cpuMillis())
                        : m.notRun() != null ? "not run" : m.disturbed() ? "disturbed by load" : "failed"));
            }
        }
        return String.format("[%d/%d] N=%-6d %-28s side by side: %s", repeat, runs, requests, program.name(),
                String.join(" | ", columns));
    }

    /** One run in a line: its figures, then ok, not run (why), failed (why) or disturbed by load (what to do). */
    static String describe(Measurement m) {
        if (m.notRun() != null) {
            return "not run: " + m.notRun();
        }
        String figures = m.wallMillis() < 0 ? "" : String.format("%,6d ms wall %,6d ms CPU (process %,6d ms) %,6d threads"
                        + " %,7.1f MB (hosts %,d ms CPU)  ", m.wallMillis(), m.cpuMillis(), m.processCpuMillis(),
                m.peakThreads(), m.peakRssKb() / 1024.0, m.hostsCpuMillis());
        if (m.ok()) {
            return figures + "ok";
        }
        return figures + (m.disturbed() ? Results.disturbedReason(m.load()) + "; what went wrong: " : "failed: ") + m.failure();
    }

    /** The names --programs accepts, for the help text. */
    static final class ProgramNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ProgramNames() {
            allPrograms(Path.of("python")).forEach(program -> add(program.name()));
        }
    }

    /** The hosts, started as {@code ./run hosts} starts them, in a process of their own. */
    static final class HostsProcess implements AutoCloseable {
        // Linux's USER_HZ, the unit of /proc/PID/stat's times: 100 on every common build.
        private static final long CLOCK_TICKS_PER_SECOND = 100;
        private final Process process;
        private final List<String> resolveArguments;
        private final Map<String, String> answers;
        private final String backlogNote;

        private HostsProcess(Process process, List<String> resolveArguments, Map<String, String> answers, String backlogNote) {
            this.process = process;
            this.resolveArguments = resolveArguments;
            this.answers = answers;
            this.backlogNote = backlogNote;
        }

        static HostsProcess start(Path root) throws IOException {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Hosts.class.getName())
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> resolve = null;
            Map<String, String> answers = new LinkedHashMap<>();
            String backlog = "";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(Hosts.RESOLVE_PREFIX)) {
                    resolve = List.of(line.substring(Hosts.RESOLVE_PREFIX.length()).split(" "));
                } else if (line.startsWith(Hosts.ANSWER_PREFIX)) {
                    String[] hostAndDigest = line.substring(Hosts.ANSWER_PREFIX.length()).split(" ");
                    answers.put(hostAndDigest[0], hostAndDigest[1]);
                } else if (line.startsWith("listen backlog")) {
                    backlog = line;
                } else if (line.startsWith("serving")) {
                    return new HostsProcess(process, resolve, answers, backlog);
                }
            }
            process.destroyForcibly();
            throw new IOException("the hosts process ended before it said it was serving (exit status "
                    + process.exitValue() + "); try ./run hosts on its own to see why");
        }

        /** The mean time a host takes to answer: its latency, then the pause between the two parts. */
        static long meanAnswerMillis() {
            return LocalHosts.DEFAULT_LATENCIES.values().stream().mapToLong(Duration::toMillis).sum()
                    / LocalHosts.DEFAULT_LATENCIES.size() + LocalHosts.DEFAULT_PART_PAUSE.toMillis();
        }

        long pid() {
            return process.pid();
        }

        /** The CPU the hosts process has used so far (user + system, from /proc; -1 where there is none). */
        long cpuMillis() {
            try {
                String stat = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "stat")).get(0);
                // The fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
            } catch (IOException | RuntimeException notLinux) {
                return -1;
            }
        }

        List<String> resolveArguments() {
            return resolveArguments;
        }

        Map<String, String> answers() {
            return answers;
        }

        String backlogNote() {
            return backlogNote;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the hosts' shutdown hook closes them
            process.waitFor();
        }
    }
}
