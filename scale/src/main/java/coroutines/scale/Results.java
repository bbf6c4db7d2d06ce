package coroutines.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Every measurement of a benchmark run, by program, JVM mode (a Java program's column: cold, AOT
 * cache, warm) and N, the medians the table shows, and why a figure is missing. A Python program has
 * one set of figures, which every mode of its Java twin is held against.
 */
final class Results {

    private final List<Program> programs;
    private final List<JvmMode> modes;
    private final List<Integer> requestCounts;
    // By program name, or "NAME@MODE" for a Java program.
    private final Map<String, Map<Integer, List<Measurement>>> measurements = new LinkedHashMap<>();
    // The CPU of a runtime that starts and exits running nothing, one figure per repeat.
    private final Map<String, List<Long>> starts = new LinkedHashMap<>();
    // The training runs that made (or failed to make) each Java client's AOT cache, in the order run.
    private final List<Training> trainings = new ArrayList<>();

    Results(List<Program> programs, List<JvmMode> modes, List<Integer> requestCounts) {
        this.programs = List.copyOf(programs);
        this.modes = List.copyOf(modes);
        this.requestCounts = List.copyOf(requestCounts);
    }

    /** A run with the Java programs in one mode, cold. */
    Results(List<Program> programs, List<Integer> requestCounts) {
        this(programs, List.of(JvmMode.COLD), requestCounts);
    }

    /** A Python program's run, or a Java program's in the first mode of this run. */
    void add(Program program, Measurement measurement) {
        add(program, null, measurement);
    }

    /** A run of a Java program in the given mode (ignored for a Python program). */
    void add(Program program, JvmMode mode, Measurement measurement) {
        measurements.computeIfAbsent(key(program.name(), mode), k -> new LinkedHashMap<>())
                .computeIfAbsent(measurement.requests(), n -> new ArrayList<>()).add(measurement);
    }

    private String key(String program, JvmMode mode) {
        boolean python = program(program).map(Program::isPython).orElse(true);
        return python ? program : program + "@" + (mode != null ? mode : modes.get(0));
    }

    List<Program> programs() {
        return programs;
    }

    /** The modes the Java programs ran in, in the table's order. */
    List<JvmMode> modes() {
        return modes;
    }

    List<Integer> requestCounts() {
        return requestCounts;
    }

    Optional<Program> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The medians at N, or empty if not every run there answered every request byte for byte: a
     * program that failed once at an N is shown failing there, with the reason.
     */
    Optional<Cell> cell(String program, int requests) {
        return cell(program, null, requests);
    }

    /** The medians of a Java program in one mode (a Python program has one set, whatever the mode). */
    Optional<Cell> cell(String program, JvmMode mode, int requests) {
        List<Measurement> runs = runs(key(program, mode), requests);
        if (runs.isEmpty() || runs.stream().anyMatch(m -> !m.ok())) {
            return Optional.empty();
        }
        return Optional.of(new Cell(median(runs, Measurement::wallMillis), median(runs, Measurement::cpuMillis),
                median(runs, Measurement::processCpuMillis), median(runs, Measurement::totalCpuMillis),
                median(runs, m -> m.peakThreads()), median(runs, Measurement::peakRssKb),
                median(runs, Measurement::hostsCpuMillis), runs.size()));
    }

    /** What kept a program from a figure at N. */
    enum Kind {
        /** the benchmark did not start it: no python3, a JDK too old for it, past the budget, no AOT cache to use */
        NOT_RUN,
        /** it ran on a quiet machine and did not answer every request byte for byte: the program's failure */
        FAILED,
        /** every failing run had other processes taking a share of the cores: the machine's doing, perhaps */
        DISTURBED
    }

    /** Why there is no figure, in a reader's words. */
    record Problem(Kind kind, String reason) {
    }

    /** Why a program has no figure at N (empty if it has one): not run, failed, or disturbed by load. */
    Optional<Problem> problem(String program, int requests) {
        return problem(program, null, requests);
    }

    /** Why a Java program in one mode has no figure at N (empty if it has one). */
    Optional<Problem> problem(String program, JvmMode mode, int requests) {
        List<Measurement> runs = runs(key(program, mode), requests);
        if (runs.isEmpty()) {
            return Optional.of(new Problem(Kind.NOT_RUN, "not measured in this run"));
        }
        Optional<Measurement> notRun = runs.stream().filter(m -> m.notRun() != null).findFirst();
        if (notRun.isPresent()) {
            return Optional.of(new Problem(Kind.NOT_RUN, notRun.get().notRun()));
        }
        List<Measurement> failed = runs.stream().filter(m -> !m.ok()).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        String count = failed.size() == runs.size() ? "" : failed.size() + " of " + runs.size() + " runs failed: ";
        Measurement first = failed.get(0);
        if (failed.stream().allMatch(Measurement::disturbed)) {
            return Optional.of(new Problem(Kind.DISTURBED, disturbedReason(first.load()) + "; what went wrong: "
                    + count + first.failure()));
        }
        Measurement quiet = failed.stream().filter(m -> !m.disturbed()).findFirst().orElseThrow();
        return Optional.of(new Problem(Kind.FAILED, count + quiet.failure()));
    }

    /** What a reader should know, and do, about a failure on a busy machine. */
    static String disturbedReason(MachineLoad.Load load) {
        return "disturbed by load (" + load.describe() + "): run again on a quiet machine, or with a longer --timeout";
    }

    /** How many runs, failed or not, had other processes taking a share of the cores, of how many that ran. */
    record UnderLoad(long disturbed, long ran) {
    }

    UnderLoad underLoad() {
        return new UnderLoad(all().filter(m -> m.notRun() == null && m.load().disturbed()).count(),
                all().filter(m -> m.notRun() == null).count());
    }

    /** Records how much CPU a runtime that starts and exits, running nothing, used ("JVM", "python3"). */
    void addStart(String runtime, long totalCpuMillis) {
        starts.computeIfAbsent(runtime, r -> new ArrayList<>()).add(totalCpuMillis);
    }

    /** The median CPU of a runtime's empty start, if it was measured and /proc could tell. */
    Optional<Long> startCpuMillis(String runtime) {
        List<Long> values = starts.getOrDefault(runtime, List.of()).stream().filter(v -> v >= 0).sorted().toList();
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int middle = values.size() / 2;
        return Optional.of(values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2);
    }

    /** One client's training run: how long it took (start to exit, the cache written), the cache's size, or why there is none. */
    record Training(String program, long millis, long cacheBytes, String failure) {
        boolean made() {
            return failure == null;
        }

        String describe(java.nio.file.Path cache) {
            return made() ? String.format("AOT cache for %s: made in %,.1f s (training: N = %,d, unmeasured), %,.1f MB, %s",
                    program, millis / 1000.0, ScaleBenchmark.TRAINING_REQUESTS, cacheBytes / 1_048_576.0, cache)
                    : String.format("AOT cache for %s: training failed after %,.1f s: %s", program, millis / 1000.0, failure);
        }
    }

    void addTraining(Training training) {
        trainings.add(training);
    }

    List<Training> trainings() {
        return trainings;
    }

    /** The medians of the runs of one program at one N (runs: how many). */
    record Cell(long wallMillis, long cpuMillis, long processCpuMillis, long totalCpuMillis, long peakThreads,
                long peakRssKb, long hostsCpuMillis, int runs) {
    }

    private List<Measurement> runs(String key, int requests) {
        return measurements.getOrDefault(key, Map.of()).getOrDefault(requests, List.of());
    }

    private Stream<Measurement> all() {
        return measurements.values().stream().flatMap(byN -> byN.values().stream()).flatMap(List::stream);
    }

    private static long median(List<Measurement> runs, ToLongFunction<Measurement> figure) {
        long[] values = runs.stream().mapToLong(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
