package coroutines.tour;

import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a stage's JVM tells the tour after its run: the figures of its row in the table, and the
 * responses it printed (for {@link Tour#eachResponseOnce}). Written by
 * {@link TourStage} to a file the tour names, as a properties file: every string survives it
 * (a response has line ends, a real host's may have any character), and a reader can open it.
 */
record StageReport(Tour.Row row, List<Tour.Answer> answers) {

    /** The report of a run that has ended, made in the stage's own JVM. */
    static StageReport of(Stage stage, StageRun run) {
        return new StageReport(Tour.Row.of(stage, run), Tour.answersOf(run));
    }

    void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("stage", row.stage());
        properties.setProperty("whatChanged", row.whatChanged());
        properties.setProperty("wallMillis", String.valueOf(row.wallMillis()));
        properties.setProperty("cpuMillis", String.valueOf(row.cpuMillis()));
        properties.setProperty("threadsSeen", String.valueOf(row.threadsSeen()));
        properties.setProperty("readsPerHost", row.readsPerHost());
        properties.setProperty("answered", row.answered());
        properties.setProperty("slowest.request", row.slowest().request());
        properties.setProperty("slowest.millis", String.valueOf(row.slowest().millis()));
        properties.setProperty("requestsAddedUpMillis", String.valueOf(row.requestsAddedUpMillis()));
        putAll(properties, "answer.label", answers.stream().map(Tour.Answer::label).toList());
        putAll(properties, "answer.shown", answers.stream().map(Tour.Answer::shown).toList());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "what " + row.stage() + " told the tour");
        }
    }

    /** The report in {@code file}; empty if the stage wrote none (--help, a usage error, or it never got that far). */
    static Optional<StageReport> read(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Tour.Row row = new Tour.Row(properties.getProperty("stage"), properties.getProperty("whatChanged"),
                number(properties, "wallMillis"), number(properties, "cpuMillis"), (int) number(properties, "threadsSeen"),
                properties.getProperty("readsPerHost"), properties.getProperty("answered"),
                new Tour.Slowest(properties.getProperty("slowest.request"), number(properties, "slowest.millis")),
                number(properties, "requestsAddedUpMillis"));
        List<String> labels = getAll(properties, "answer.label");
        List<String> shown = getAll(properties, "answer.shown");
        List<Tour.Answer> answers = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            answers.add(new Tour.Answer(labels.get(i), shown.get(i)));
        }
        return Optional.of(new StageReport(row, answers));
    }

    private static long number(Properties properties, String key) {
        return Long.parseLong(properties.getProperty(key));
    }

    private static void putAll(Properties properties, String key, List<String> values) {
        properties.setProperty(key + ".count", String.valueOf(values.size()));
        for (int i = 0; i < values.size(); i++) {
            properties.setProperty(key + "." + i, values.get(i));
        }
    }

    private static List<String> getAll(Properties properties, String key) {
        int count = Integer.parseInt(properties.getProperty(key + ".count", "0"));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(properties.getProperty(key + "." + i));
        }
        return values;
    }
}
