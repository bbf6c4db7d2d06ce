package coroutines.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One client the benchmark runs: a Java stage (through {@link ScaleClient}) or one of the article's
 * Python programs, how to start it for N requests, and the Python program it is compared with.
 *
 * @param name       the row's name in the table
 * @param model      how it waits, in a few words
 * @param command    the command without the per-run arguments
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

    /** The whole command for one run: N requests cycling over the hosts, only failures and the summary printed. */
    List<String> commandFor(int requests, List<String> resolveArguments) {
        List<String> full = new ArrayList<>(command);
        full.addAll(resolveArguments);
        full.addAll(List.of("--requests", Integer.toString(requests), "--quiet"));
        full.add(isPython() ? "--digests" : "--no-timeline");
        return full;
    }

    static Program java(String stage, String model, String pythonPair) {
        return new Program(stage, model, javaCommand(ScaleClient.class.getName(), stage), pythonPair, false);
    }

    /** A JVM like the benchmark's own, on its class path, running mainClass (a list the caller may change). */
    static List<String> javaCommand(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // As .mvn/jvm.config does for ./run N: stages 4 and 5 then pause on the JDK's continuation (JDK 21+).
        List<String> command = new ArrayList<>(List.of(javaBin, "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static Program python(String name, String model, Path script, boolean sequential, String... options) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(options));
        return new Program(name, model, command, null, sequential);
    }
}
