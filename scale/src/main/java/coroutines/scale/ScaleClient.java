package coroutines.scale;

import coroutines.command.StageCommand;
import coroutines.command.StageJvm;
import coroutines.testbed.StageRun;
import coroutines.testbed.Stage;
import coroutines.tour.Tour;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Java client of the benchmark, in a process of its own: {@code ScaleClient STAGE ARGS...}
 * runs the stage exactly as its own main would, then, after the summary line and outside what it
 * measures, prints {@code process CPU C ms} (every thread of this process over the span of the
 * summary line's client CPU, the JIT's and the GC's too) and {@code digest HOST SHA256 COUNT} for
 * the answers, so that the benchmark checks every answer byte for byte without the stage printing
 * 10,000 responses. With
 * {@code -Dcoroutines.scale.warmJvm=true} the stage runs once unmeasured first, in the same JVM.
 */
public final class ScaleClient {

    /** Set to true to run the stage once, unmeasured, before the run that counts (the warm column, --jvm warm). */
    static final String WARM_JVM = "coroutines.scale.warmJvm";
    /** Starts the line with the CPU of every thread of the process over the run's span (the Python programs print it too). */
    static final String PROCESS_CPU_PREFIX = "process CPU ";

    private ScaleClient() {
    }

    /** The stages by name: the tour's, and stage 1's code on a platform thread per request. */
    static Map<String, Stage> stages() {
        return Stream.concat(Stream.of(ThreadPerRequestClient.STAGE), Tour.STAGES.stream())
                .collect(Collectors.toMap(Stage::name, stage -> stage, (a, b) -> a, TreeMap::new));
    }

    public static void main(String[] args) {
        Stage stage = args.length == 0 ? null : stages().get(args[0]);
        if (stage == null) {
            System.err.println("usage: ScaleClient STAGE [STAGE OPTIONS], STAGE one of " + stages().keySet());
            System.exit(2);
        }
        StageJvm.sayIfTheCacheWasNotUsed(System.err);
        String[] stageArgs = Arrays.copyOfRange(args, 1, args.length);
        if (Boolean.getBoolean(WARM_JVM)) {
            // Once unmeasured, so that the measured run finds its code compiled: what start-up costs.
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            StageCommand.execute(stage, discard, discard, stageArgs);
        }
        ProcessCpu.Measured measured = ProcessCpu.measuring(stage);
        StageCommand.Execution execution = StageCommand.execute(measured.stage(), System.out, System.err, stageArgs);
        execution.run().ifPresent(run -> {
            System.out.println(PROCESS_CPU_PREFIX + measured.cpu().millis() + " ms");
            printDigests(run);
        });
        System.out.flush();
        System.exit(execution.status());
    }

    private static void printDigests(StageRun run) {
        Map<String, Integer> counts = new TreeMap<>();
        for (StageRun.Outcome outcome : run.outcomes()) {
            if (outcome.answered()) {
                counts.merge(outcome.host() + " " + Hosts.sha256(outcome.response()), 1, Integer::sum);
            }
        }
        counts.forEach((hostAndDigest, count) -> System.out.println("digest " + hostAndDigest + " " + count));
    }
}
