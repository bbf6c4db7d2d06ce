package coroutines.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** Every measurement of a benchmark run, by program and N, and the medians the table shows. */
final class Results {

    private final List<Program> programs;
    private final List<Integer> requestCounts;
    private final Map<String, Map<Integer, List<Measurement>>> measurements = new LinkedHashMap<>();

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
        List<Measurement> runs = measurements.getOrDefault(program, Map.of()).getOrDefault(requests, List.of());
        if (runs.isEmpty() || runs.stream().anyMatch(m -> !m.ok())) {
            return Optional.empty();
        }
        return Optional.of(new Cell(median(runs, Measurement::wallMillis), median(runs, Measurement::cpuMillis),
                median(runs, Measurement::processCpuMillis), median(runs, m -> m.peakThreads()), median(runs, Measurement::peakRssKb),
                median(runs, Measurement::hostsCpuMillis), runs.size()));
    }

    /** Why a program failed at N: the first failing run's reason, and how many runs failed. */
    String failure(String program, int requests) {
        List<Measurement> runs = measurements.getOrDefault(program, Map.of()).getOrDefault(requests, List.of());
        List<Measurement> failed = runs.stream().filter(m -> !m.ok()).toList();
        if (failed.isEmpty()) {
            return runs.isEmpty() ? "not measured" : "";
        }
        String reason = failed.get(0).failure();
        return failed.size() == runs.size() ? reason : failed.size() + " of " + runs.size() + " runs failed: " + reason;
    }

    /** The medians of the runs of one program at one N (runs: how many). */
    record Cell(long wallMillis, long cpuMillis, long processCpuMillis, long peakThreads, long peakRssKb, long hostsCpuMillis, int runs) {
    }

    private static long median(List<Measurement> runs, ToLongFunction<Measurement> figure) {
        long[] values = runs.stream().mapToLong(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
