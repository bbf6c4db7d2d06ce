package coroutines.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/** Every measurement of a benchmark run, by program and N, the medians the table shows, and why a figure is missing. */
final class Results {

    private final List<Program> programs;
    private final List<Integer> requestCounts;
    private final Map<String, Map<Integer, List<Measurement>>> measurements = new LinkedHashMap<>();
    // The CPU of a runtime that starts and exits running nothing, one figure per repeat.
    private final Map<String, List<Long>> starts = new LinkedHashMap<>();

    Results(List<Program> programs, List<Integer> requestCounts) {
        this.programs = List.copyOf(programs);
        this.requestCounts = List.copyOf(requestCounts);
        programs.forEach(program -> measurements.put(program.name(), new LinkedHashMap<>()));
    }

    void add(Program program, Measurement measurement) {
        measurements.get(program.name()).computeIfAbsent(measurement.requests(), n -> new ArrayList<>()).add(measurement);
    }

    List<Program> programs() {
        return programs;
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
        List<Measurement> runs = runs(program, requests);
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
        /** the benchmark did not start it: no python3, a JDK too old for it, past the budget */
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
        List<Measurement> runs = runs(program, requests);
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

    /** The medians of the runs of one program at one N (runs: how many). */
    record Cell(long wallMillis, long cpuMillis, long processCpuMillis, long totalCpuMillis, long peakThreads,
                long peakRssKb, long hostsCpuMillis, int runs) {
    }

    private List<Measurement> runs(String program, int requests) {
        return measurements.getOrDefault(program, Map.of()).getOrDefault(requests, List.of());
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
