package coroutines.pictures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import coroutines.testbed.Event;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run drawn as one self-contained HTML page (the option {@code --picture}): the page's static
 * template, with the run's events embedded as JSON that the page's own script draws and steps
 * through. Nothing is fetched from the network, so the file opens from disk offline.
 *
 * <p>The data is a JSON object, not markup: host names, thread names and failure reasons are
 * whatever the run met, and only JSON escaping (with {@code <} as {@code \u003c}) keeps them from
 * ending the script element early. The page's script builds its text with {@code textContent}.
 */
public final class RunPage {

    /** Above this many requests, lanes are drawn per host, as the terminal's timeline stops drawing them. */
    public static final int MOST_REQUEST_LANES = 40;

    /** Where the template's script element takes the run's data. */
    static final String DATA_SLOT = "/*RUN-DATA*/";

    private static final String TEMPLATE = "run-page.html";

    /**
     * What the page draws: a run's requests and events, how each request ended, and the summary.
     *
     * @param stage      the stage's name, as the command line calls it
     * @param summary    the run's summary line
     * @param requests   the run's requests, numbered from 1: one lane each
     * @param events     every event, in recording order: one step each
     * @param failures   by request number, why that request failed; requests not in it answered, or never ended
     * @param incomplete why the run is not a whole picture (a request failed, the stage showed a bug), or null
     */
    public record Picture(String stage, String summary, List<Target> requests, List<Event> events,
            Map<Integer, String> failures, String incomplete) {

        public Picture {
            requests = List.copyOf(requests);
            events = List.copyOf(events);
            failures = Map.copyOf(failures);
        }

        /** What a finished run recorded: its requests, events, failures and summary line. */
        public static Picture of(String stage, StageRun run) {
            Map<Integer, String> failures = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            for (StageRun.Outcome outcome : run.outcomes()) {
                if (!outcome.answered()) {
                    failures.put(outcome.target().request(), outcome.failure());
                    failed.add(run.label(outcome.target()) + ": " + outcome.failure());
                }
            }
            List<String> why = new ArrayList<>();
            if (!failed.isEmpty()) {
                why.add(failed.size() + " of " + run.targets().size() + " requests failed (" + failed.get(0)
                        + (failed.size() > 1 ? "; and " + (failed.size() - 1) + " more" : "") + ")");
            }
            if (!run.stageBugs().isEmpty()) {
                why.add("the stage showed a bug of its own: " + run.stageBugs().get(0));
            }
            return new Picture(stage, run.summary().toString(), run.targets(), run.events().all(), failures,
                    why.isEmpty() ? null : String.join("; ", why));
        }
    }

    private RunPage() {
    }

    /**
     * Writes the page for the picture to {@code file}, replacing what was there. Encoded with
     * {@code getBytes}, which puts {@code ?} for half a surrogate pair (a thread's name may hold one),
     * where {@code Files.writeString} would throw and lose the page.
     */
    public static void write(Path file, Picture picture) throws IOException {
        Files.write(file, html(picture).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code file} can be written, asked before the run so that a bad path costs no requests:
     * null if it can, else why not, in words a person can act on. A file that did not exist is not
     * left behind.
     */
    public static String whyNotWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return "it is a directory";
        }
        Path directory = absolute.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            return "there is no directory " + directory;
        }
        boolean existed = Files.exists(absolute);
        try {
            // Opened to append, so that an existing file keeps its content until the run ends.
            Files.newOutputStream(absolute, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
            if (!existed) {
                Files.deleteIfExists(absolute);
            }
            return null;
        } catch (AccessDeniedException e) {
            return "permission denied";
        } catch (IOException | SecurityException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** The whole page: the template with the picture's data in its slot. */
    public static String html(Picture picture) {
        String template = template();
        if (!template.contains(DATA_SLOT)) {
            throw new IllegalStateException(TEMPLATE + " has no " + DATA_SLOT + " for the run's data");
        }
        return template.replace(DATA_SLOT, json(picture));
    }

    /**
     * The JSON the page embeds for the picture, already safe inside a script element: for a page
     * that draws several runs (the tour's, {@link TourPage}).
     */
    public static String data(Picture picture) {
        return json(picture);
    }

    /**
     * The page's data. Events are arrays, {@code [request, kind, micros, thread, bytes]}, with the
     * kind and thread as indexes into {@code kinds} and {@code threads}: a 1,000-request run has
     * thousands of events, and names repeated in each would make the page several times larger.
     * {@code notes} maps a step to lines of stage-specific state; empty today, so that observers
     * can add to it later without the page's drawing changing.
     */
    static String json(Picture picture) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setCharacterEscapes(new ScriptSafeEscapes());
            long start = picture.events().stream().mapToLong(Event::nanos).min().orElse(0);
            List<String> threads = new ArrayList<>();
            Map<String, Integer> threadIndex = new LinkedHashMap<>();
            for (Event event : picture.events()) {
                threadIndex.computeIfAbsent(Objects.toString(event.thread()), name -> {
                    threads.add(name);
                    return threads.size() - 1;
                });
            }
            json.writeStartObject();
            json.writeStringField("stage", picture.stage());
            json.writeStringField("summary", picture.summary());
            json.writeStringField("incomplete", picture.incomplete());
            json.writeNumberField("mostRequestLanes", MOST_REQUEST_LANES);
            json.writeArrayFieldStart("kinds");
            for (Event.Kind kind : Event.Kind.values()) {
                json.writeString(kind.name());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("threads");
            for (String thread : threads) {
                json.writeString(thread);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("requests");
            for (Target request : picture.requests()) {
                json.writeStartObject();
                json.writeNumberField("n", request.request());
                json.writeStringField("host", request.host());
                String failure = picture.failures().get(request.request());
                if (failure != null) {
                    json.writeStringField("failure", failure);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            for (Event event : picture.events()) {
                json.writeStartArray();
                json.writeNumber(event.request());
                json.writeNumber(event.kind().ordinal());
                json.writeNumber((event.nanos() - start) / 1_000);
                json.writeNumber(threadIndex.get(Objects.toString(event.thread())));
                json.writeNumber(event.bytes());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("notes");
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return text.toString();
    }

    private static String template() {
        try (InputStream in = RunPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing beside " + RunPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TEMPLATE + " failed", e);
        }
    }

    /**
     * JSON escaping that is also safe inside a script element: {@code <} and {@code >} and {@code &}
     * as {@code \}u escapes, so no {@code </script>} or {@code <!--} can appear; and the line
     * separators U+2028 and U+2029, which older script parsers take for line ends.
     */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
