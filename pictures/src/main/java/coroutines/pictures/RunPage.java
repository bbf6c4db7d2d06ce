package coroutines.pictures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import coroutines.testbed.Event;
import coroutines.testbed.KeyInterest;
import coroutines.testbed.SelectWait;
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
import java.util.Collections;
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
     * @param selectWaits the loop's sleeps in select, drawn as the loop's lane; empty for a stage with no selector loop
     * @param notes      by step (the number of events shown), lines the state panel adds there: a bug's stack trace
     * @param carriers   beside each event, the carrier thread its virtual thread ran on, or null (a platform thread)
     * @param keyInterests what each request's selector key waited for, each time it changed (stage 3)
     */
    public record Picture(String stage, String summary, List<Target> requests, List<Event> events,
            Map<Integer, String> failures, String incomplete, List<SelectWait> selectWaits,
            Map<Integer, List<String>> notes, List<String> carriers, List<KeyInterest> keyInterests) {

        public Picture {
            keyInterests = List.copyOf(keyInterests);
            requests = List.copyOf(requests);
            events = List.copyOf(events);
            failures = Map.copyOf(failures);
            selectWaits = List.copyOf(selectWaits);
            notes = Map.copyOf(notes);
            List<String> sameLength = new ArrayList<>(carriers.subList(0, Math.min(carriers.size(), events.size())));
            while (sameLength.size() < events.size()) {
                sameLength.add(null); // recorded a moment apart from the events: a late event has no carrier known
            }
            carriers = Collections.unmodifiableList(sameLength);
        }

        /** The same picture, marked incomplete for this reason (a run cut short), in place of the one it had. */
        public Picture cutShort(String why) {
            return new Picture(stage, summary, requests, events, failures, why, selectWaits, notes, carriers, keyInterests);
        }

        /** A picture with no selector keys recorded: every stage but 3. */
        public Picture(String stage, String summary, List<Target> requests, List<Event> events,
                Map<Integer, String> failures, String incomplete, List<SelectWait> selectWaits,
                Map<Integer, List<String>> notes, List<String> carriers) {
            this(stage, summary, requests, events, failures, incomplete, selectWaits, notes, carriers, List.of());
        }

        /** A picture with the loop's sleeps and notes, all on platform threads. */
        public Picture(String stage, String summary, List<Target> requests, List<Event> events,
                Map<Integer, String> failures, String incomplete, List<SelectWait> selectWaits,
                Map<Integer, List<String>> notes) {
            this(stage, summary, requests, events, failures, incomplete, selectWaits, notes, List.of());
        }

        /** A picture with the loop's sleeps and no notes. */
        public Picture(String stage, String summary, List<Target> requests, List<Event> events,
                Map<Integer, String> failures, String incomplete, List<SelectWait> selectWaits) {
            this(stage, summary, requests, events, failures, incomplete, selectWaits, Map.of(), List.of());
        }

        /** A picture of a run with no selector loop (stages 1, 2 and 6), or whose loop is not drawn. */
        public Picture(String stage, String summary, List<Target> requests, List<Event> events,
                Map<Integer, String> failures, String incomplete) {
            this(stage, summary, requests, events, failures, incomplete, List.of(), Map.of(), List.of());
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
            List<Event> events = run.events().all();
            return new Picture(stage, run.summary().toString(), run.targets(), events, failures,
                    why.isEmpty() ? null : String.join("; ", why), run.events().selectWaits(), bugTraces(run, events),
                    run.events().carriers(), run.events().keyInterests());
        }

        /**
         * At the step where a request failed with a bug (as {@code --fail-in} makes it), the stack trace
         * the stage printed: where the error came out, and all of its story a reader can see.
         */
        private static Map<Integer, List<String>> bugTraces(StageRun run, List<Event> events) {
            Map<Integer, List<String>> notes = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                if (event.kind() != Event.Kind.FAILED) {
                    continue;
                }
                List<String> trace = run.targets().stream().filter(target -> target.request() == event.request())
                        .findFirst().map(run::bugTrace).orElse(List.of());
                if (!trace.isEmpty()) {
                    List<String> lines = new ArrayList<>();
                    lines.add("Where the error came out, as the stage printed it. These frames are all a reader has:"
                            + " an earlier step of this request shows here only if it is still on the stack.");
                    trace.forEach(line -> lines.add(line.replace("\t", "    ")));
                    notes.put(i + 1, lines);
                }
            }
            return notes;
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
     * The page's data. Events are arrays, {@code [request, kind, micros, thread, bytes, carrier]}, with the
     * kind, thread and carrier as indexes into {@code kinds}, {@code threads} and {@code carriers} (-1: none): a 1,000-request run has
     * thousands of events, and names repeated in each would make the page several times larger.
     * {@code notes} maps a step to lines of stage-specific state (today a bug's stack trace), so that observers
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
            List<String> carriers = new ArrayList<>();
            Map<String, Integer> carrierIndex = new LinkedHashMap<>();
            for (String carrier : picture.carriers()) {
                if (carrier != null) {
                    carrierIndex.computeIfAbsent(carrier, name -> {
                        carriers.add(name);
                        return carriers.size() - 1;
                    });
                }
            }
            for (SelectWait wait : picture.selectWaits()) {
                threadIndex.computeIfAbsent(Objects.toString(wait.thread()), name -> {
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
            json.writeArrayFieldStart("carriers");
            for (String carrier : carriers) {
                json.writeString(carrier);
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
            for (int i = 0; i < picture.events().size(); i++) {
                Event event = picture.events().get(i);
                String carrier = picture.carriers().get(i);
                json.writeStartArray();
                json.writeNumber(event.request());
                json.writeNumber(event.kind().ordinal());
                json.writeNumber((event.nanos() - start) / 1_000);
                json.writeNumber(threadIndex.get(Objects.toString(event.thread())));
                json.writeNumber(event.bytes());
                json.writeNumber(carrier == null ? -1 : carrierIndex.get(carrier));
                json.writeEndArray();
            }
            json.writeEndArray();
            // The loop's sleeps: [from, to (micros), timeout (ms), thread, first step it woke for (-1: none), how many].
            json.writeArrayFieldStart("selectWaits");
            for (SelectBands.Band band : SelectBands.of(picture.selectWaits(), picture.events())) {
                json.writeStartArray();
                json.writeNumber(Math.max(0, band.sleep().nanos() - start) / 1_000);
                json.writeNumber(Math.max(0, band.endNanos() - start) / 1_000);
                json.writeNumber(band.sleep().timeoutMillis());
                json.writeNumber(threadIndex.get(Objects.toString(band.sleep().thread())));
                json.writeNumber(band.firstWoken());
                json.writeNumber(band.woke().size());
                json.writeEndArray();
            }
            json.writeEndArray();
            // The selector's keys: [when (micros), request, interest set], each time a key's interest changed.
            json.writeArrayFieldStart("keys");
            for (KeyInterest interest : picture.keyInterests()) {
                json.writeStartArray();
                json.writeNumber(Math.max(0, interest.nanos() - start) / 1_000);
                json.writeNumber(interest.request());
                json.writeNumber(interest.interestOps());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("notes");
            for (var note : picture.notes().entrySet()) {
                json.writeArrayFieldStart(String.valueOf(note.getKey()));
                for (String line : note.getValue()) {
                    json.writeString(line);
                }
                json.writeEndArray();
            }
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
