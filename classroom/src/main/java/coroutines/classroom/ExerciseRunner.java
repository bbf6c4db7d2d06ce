package coroutines.classroom;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs exercises' tagged tests in a JVM of their own, as Surefire would, and writes the results
 * in Surefire's XML format for {@link Checker} to judge ({@link TestBench} starts it). Code that
 * spins, leaks threads or runs out of memory ends with its JVM, and the next run starts clean.
 *
 * <p>Arguments: the report directory, the JUnit tags (comma-separated), then the test classes.
 */
public final class ExerciseRunner {

    /** The one argument of a spare JVM: load JUnit now, read the arguments from the first line of stdin, tab-separated. */
    static final String WAIT = "--wait-for-arguments";

    private ExerciseRunner() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Launcher launcher = LauncherFactory.create();
        if (args.length == 1 && args[0].equals(WAIT)) {
            // Discovering nothing loads the engines; the tests' own classes load only once the arguments come.
            launcher.discover(LauncherDiscoveryRequestBuilder.request().build());
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                System.exit(0); // not needed after all
            }
            args = line.split("\t");
        }
        if (args.length < 3) {
            System.err.println("usage: ExerciseRunner REPORT-DIR TAG[,TAG...] TEST-CLASS...");
            System.exit(2);
        }
        Path reports = Path.of(args[0]);
        String[] tags = args[1].split(",");
        List<String> classes = Arrays.asList(args).subList(2, args.length);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(DiscoverySelectors::selectClass).toList())
                .filters(TagFilter.includeTags(tags))
                // As the build's Surefire configuration says: test names read as sentences.
                .configurationParameter("junit.jupiter.displayname.generator.default",
                        "org.junit.jupiter.api.DisplayNameGenerator$ReplaceUnderscores")
                .build();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        launcher.execute(request, new LegacyXmlReportGeneratingListener(reports, out));
        out.flush();
        // Threads a wrong answer left running (a loop that never ends) must not keep this JVM alive.
        System.exit(0);
    }
}
