package coroutines.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One client the benchmark runs: a Java stage (through {@link ScaleClient}, in a JVM {@code StageJvm}
 * starts) or one of the article's Python programs, how to start it for N requests, and the Python
 * program it is compared with.
 *
 * @param name       the row's name in the table
 * @param model      how it waits, in a few words
 * @param command    without the per-run arguments: a Python program's command, or a Java stage's
 *                   arguments to {@link ScaleClient} (the benchmark puts the JVM's command in front)
 * @param pythonPair the name of the Python program of the same design, or null for a Python program
 * @param sequential true if it makes one request after another (its time grows with N)
 */
record Program(String name, String model, List<String> command, String pythonPair, boolean sequential) {

    Program {
        command = List.copyOf(command);
    }

    boolean isPython() {
        return pythonPair == null;
    }

    /**
     * For one run, N requests cycling over the hosts, only failures and the summary printed: a Python
     * program's whole command, or a Java stage's arguments to {@link ScaleClient}.
     */
    List<String> commandFor(int requests, List<String> resolveArguments) {
        List<String> full = new ArrayList<>(command);
        full.addAll(resolveArguments);
        full.addAll(List.of("--requests", Integer.toString(requests), "--quiet"));
        full.add(isPython() ? "--digests" : "--no-timeline");
        return full;
    }

    static Program java(String stage, String model, String pythonPair) {
        return new Program(stage, model, List.of(stage), pythonPair, false);
    }

    static Program python(String name, String model, Path script, boolean sequential, String... options) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(options));
        return new Program(name, model, command, null, sequential);
    }
}
