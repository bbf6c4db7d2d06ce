package coroutines.pictures;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import coroutines.testbed.Event;
import coroutines.testbed.SelectWait;
import coroutines.testbed.StageRun;
import coroutines.testbed.StageRun.Outcome;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's event record in the Chrome Trace Event Format, which Perfetto's UI and chrome://tracing open.
 *
 * <p>Process "requests" has one track per request: a slice for the whole request, slices for its phases
 * (connecting, sending, reading) and an instant for each of its events. Process "threads" has one track per
 * client thread, with an instant for each event recorded on it, and for a selector loop a slice for each
 * sleep in {@code select}, named by what woke it ({@link SelectBands}). A flow arrow goes from each event of a
 * request, where it began to wait, to its next event on the thread that ran it: what resumed the wait.
 * Times are microseconds from the run's first event.
 */
public final class ChromeTrace {

    private static final int REQUESTS_PID = 1;
    private static final int THREADS_PID = 2;
    private static final String CATEGORY = "run";
    // One name for every flow: Perfetto pairs a flow's two ends by id, category and name.
    private static final String FLOW_NAME = "resumed";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    // How many of the steps a wake-up ran its slice names; at 1,000 requests one wake-up may run hundreds.
    private static final int STEPS_NAMED = 8;

    private ChromeTrace() {
    }

    /**
     * Whether the run ended on its own with every request answered, and if not, why not.
     *
     * @param complete true if every request answered and the stage showed no bug
     * @param why      what cut the run short or failed, for a person; null for a complete run
     */
    public record Ending(boolean complete, String why) {

        /** How many failures {@code why} names; each request's own reason is in its slice anyway. */
        static final int FAILURES_NAMED = 5;

        public static Ending completeRun() {
            return new Ending(true, null);
        }

        public static Ending cutShort(String why) {
            return new Ending(false, why);
        }

        /** How a run that returned ended: complete, or the failed requests, unended ones and stage bugs. */
        public static Ending of(StageRun run) {
            List<String> problems = new ArrayList<>();
            for (Target target : run.targets()) {
                Outcome outcome = run.outcome(target);
                if (outcome == null) {
                    problems.add("#" + target.request() + " " + target.host() + " never ended");
                } else if (!outcome.answered()) {
                    problems.add("#" + target.request() + " " + target.host() + " failed: " + outcome.failure());
                }
            }
            run.stageBugs().forEach(bug -> problems.add("the stage's bug: " + bug));
            if (problems.isEmpty()) {
                return completeRun();
            }
            String named = String.join("; ", problems.subList(0, Math.min(FAILURES_NAMED, problems.size())));
            int left = problems.size() - FAILURES_NAMED;
            return cutShort(run.answeredCount() + " of " + run.targets().size() + " requests answered: " + named
                    + (left > 0 ? "; and " + left + " more" : ""));
        }
    }

    /**
     * What a trace is drawn from: a copy of the run's record, never the live run.
     *
     * @param stage    the stage's name, kept in {@code otherData}
     * @param requests the run's requests, numbered
     * @param events   the events, in recording order
     * @param outcomes how the requests that ended ended
     * @param ending   whether the run is complete, and why not
     */
    public record Recording(String stage, List<Target> requests, List<Event> events, List<Outcome> outcomes,
                            Ending ending, List<SelectWait> selectWaits) {

        /** A recording with no selector loop: stages 1, 2 and 6. */
        public Recording(String stage, List<Target> requests, List<Event> events, List<Outcome> outcomes, Ending ending) {
            this(stage, requests, events, outcomes, ending, List.of());
        }

        public static Recording of(StageRun run, String stage, Ending ending) {
            return new Recording(stage, run.targets(), run.events().all(), run.outcomes(), ending,
                    run.events().selectWaits());
        }
    }

    /** Writes the recording as one JSON object to {@code out}, which stays open. */
    public static void write(Recording recording, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            new Writer(recording, json).write();
        }
    }

    /** One trace being written: the run's tracks, numbered, and the generator. */
    private static final class Writer {
        private final Recording recording;
        private final JsonGenerator json;
        private final long originNanos;
        // Request number to its events, in order; every request of the run, even one with no event.
        private final Map<Integer, List<Event>> eventsOfRequest = new TreeMap<>();
        private final Map<Integer, String> hostOfRequest = new HashMap<>();
        private final Map<Integer, Outcome> outcomeOfRequest = new HashMap<>();
        // Thread name to its track's tid, in order of first event; above every request's tid (see tidOfThread).
        private final Map<String, Integer> tidOfThread = new LinkedHashMap<>();
        private int flowId;

        Writer(Recording recording, JsonGenerator json) {
            this.recording = recording;
            this.json = json;
            this.originNanos = recording.events().stream().mapToLong(Event::nanos).min().orElse(0);
            for (Target target : recording.requests()) {
                eventsOfRequest.put(target.request(), new ArrayList<>());
                hostOfRequest.put(target.request(), target.host());
            }
            for (Event event : recording.events()) {
                // A stage's bug may record for a request of no run: it still gets a track.
                eventsOfRequest.computeIfAbsent(event.request(), number -> new ArrayList<>()).add(event);
                hostOfRequest.putIfAbsent(event.request(), event.host());
            }
            for (Outcome outcome : recording.outcomes()) {
                outcomeOfRequest.put(outcome.target().request(), outcome);
            }
            // Perfetto takes a tid as system-wide: a thread's tid must never equal a request's.
            int firstThreadTid = eventsOfRequest.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            for (Event event : recording.events()) {
                tidOfThread.computeIfAbsent(event.thread(), name -> firstThreadTid + tidOfThread.size());
            }
            for (SelectWait wait : recording.selectWaits()) {
                tidOfThread.computeIfAbsent(wait.thread(), name -> firstThreadTid + tidOfThread.size());
            }
        }

        void write() throws IOException {
            json.writeStartObject();
            json.writeArrayFieldStart("traceEvents");
            names();
            for (var request : eventsOfRequest.entrySet()) {
                request(request.getKey(), request.getValue());
            }
            selectSleeps(); // before the threads' instants: a flow binds to the slice written last at its time
            threadsAndFlows();
            json.writeEndArray();
            json.writeStringField("displayTimeUnit", "ms");
            otherData();
            json.writeEndObject();
        }

        /** The metadata events: each process's and track's name, and their order. */
        private void names() throws IOException {
            processName(REQUESTS_PID, "requests");
            processName(THREADS_PID, "threads");
            for (int request : eventsOfRequest.keySet()) {
                threadName(REQUESTS_PID, request, "#" + request + " " + hostOfRequest.get(request));
            }
            for (var thread : tidOfThread.entrySet()) {
                threadName(THREADS_PID, thread.getValue(), thread.getKey());
            }
        }

        private void processName(int pid, String name) throws IOException {
            metadata("process_name", pid, 0, "name", name);
            metadata("process_sort_index", pid, 0, "sort_index", pid);
        }

        private void threadName(int pid, int tid, String name) throws IOException {
            metadata("thread_name", pid, tid, "name", name);
            metadata("thread_sort_index", pid, tid, "sort_index", tid);
        }

        private void metadata(String name, int pid, int tid, String key, Object value) throws IOException {
            start(name, "M", pid, tid);
            json.writeNumberField("ts", 0);
            json.writeObjectFieldStart("args");
            if (value instanceof Integer number) {
                json.writeNumberField(key, number);
            } else {
                json.writeStringField(key, (String) value);
            }
            json.writeEndObject();
            json.writeEndObject();
        }

        /**
         * One request's track: its whole slice, then per event the phase it opens and its instant. The order
         * matters at equal times: Perfetto nests a slice in the one written before it and binds a flow to
         * the slice written last, which is then the event's instant.
         */
        private void request(int request, List<Event> events) throws IOException {
            if (events.isEmpty()) {
                return; // named above, so the track is there, empty: the request never began
            }
            Event first = events.get(0);
            Event last = events.get(events.size() - 1);
            Outcome outcome = outcomeOfRequest.get(request);
            complete(hostOfRequest.get(request) + " #" + request, REQUESTS_PID, request, first.nanos(), last.nanos());
            json.writeObjectFieldStart("args");
            json.writeStringField("host", hostOfRequest.get(request));
            json.writeStringField("outcome", outcome == null ? "not ended" : outcome.answered() ? "answered" : "failed");
            json.writeNumberField("bytes", events.stream().mapToLong(Event::bytes).sum());
            if (outcome != null && !outcome.answered()) {
                json.writeStringField("failure", outcome.failure());
            }
            json.writeEndObject();
            json.writeEndObject();
            long[] phaseEnds = phaseEnds(events);
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                String phase = phaseOpenedBy(event.kind());
                if (phase != null) {
                    complete(phase, REQUESTS_PID, request, event.nanos(), phaseEnds[i]);
                    json.writeEndObject();
                }
                instant(stepName(event), REQUESTS_PID, request, event);
            }
        }

        /** For each event, when the phase it would open ends: at the next event that opens one, or at the request's last. */
        private static long[] phaseEnds(List<Event> events) {
            long[] ends = new long[events.size()];
            long end = events.get(events.size() - 1).nanos();
            for (int i = events.size() - 1; i >= 0; i--) {
                ends[i] = end;
                if (phaseOpenedBy(events.get(i).kind()) != null) {
                    end = events.get(i).nanos(); // a trickle's thousands of reads: one pass, not one per phase
                }
            }
            return ends;
        }

        /** The phase a request is in from this event on, until the next phase or its end; null if it opens none. */
        private static String phaseOpenedBy(Event.Kind kind) {
            return switch (kind) {
                case CONNECTING -> "connecting";
                case CONNECTED -> "sending";
                case SENT -> "reading";
                default -> null;
            };
        }

        /**
         * Each event as an instant on its thread's track; then a flow from the request's previous event,
         * where it began to wait, to this one, the step that ended the wait on this thread.
         */
        private void threadsAndFlows() throws IOException {
            Map<Integer, Event> previousOfRequest = new HashMap<>();
            for (Event event : recording.events()) {
                int tid = tidOfThread.get(event.thread());
                instant("#" + event.request() + " " + event.host() + ": " + stepName(event), THREADS_PID, tid, event);
                Event previous = previousOfRequest.put(event.request(), event);
                if (previous != null) {
                    flowId++;
                    flow("s", REQUESTS_PID, event.request(), previous.nanos());
                    flow("f", THREADS_PID, tid, event.nanos());
                }
            }
        }

        /** Each sleep of a selector loop in select, on its thread's track, with its timeout and what woke it. */
        private void selectSleeps() throws IOException {
            for (SelectBands.Band band : SelectBands.of(recording.selectWaits(), recording.events())) {
                SelectWait wait = band.sleep();
                complete("waiting in select", THREADS_PID, tidOfThread.get(wait.thread()), wait.nanos(), band.endNanos());
                json.writeObjectFieldStart("args");
                json.writeNumberField("timeout_ms", wait.timeoutMillis());
                json.writeStringField("woke", wokeFor(band.woke()));
                json.writeEndObject();
                json.writeEndObject();
            }
        }

        /** What a sleep woke for, for a person: its first few steps, then how many more. */
        private static String wokeFor(List<Event> woke) {
            if (woke.isEmpty()) {
                return "nothing to record: a deadline to check, or a wake-up with no step";
            }
            List<String> steps = new ArrayList<>();
            for (Event event : woke.subList(0, Math.min(STEPS_NAMED, woke.size()))) {
                steps.add("#" + event.request() + " " + event.host() + " " + stepName(event));
            }
            return String.join("; ", steps) + (woke.size() > STEPS_NAMED ? "; and " + (woke.size() - STEPS_NAMED) + " more" : "");
        }

        private void flow(String phase, int pid, int tid, long nanos) throws IOException {
            start(FLOW_NAME, phase, pid, tid);
            json.writeFieldName("ts");
            json.writeNumber(micros(nanos));
            json.writeNumberField("id", flowId);
            if (phase.equals("f")) {
                json.writeStringField("bp", "e"); // bind to the slice at this time, not to the next one
            }
            json.writeEndObject();
        }

        private static String stepName(Event event) {
            return switch (event.kind()) {
                case CONNECTING -> "connecting";
                case CONNECTED -> "connected";
                case SENT -> "sent";
                case READ -> event.bytes() > 0 ? "read " + event.bytes() + " bytes" : "read: end of stream";
                case END -> "answered";
                case FAILED -> "failed";
            };
        }

        private void instant(String name, int pid, int tid, Event event) throws IOException {
            start(name, "i", pid, tid);
            json.writeFieldName("ts");
            json.writeNumber(micros(event.nanos()));
            json.writeStringField("s", "t");
            json.writeObjectFieldStart("args");
            json.writeNumberField("request", event.request());
            json.writeStringField("host", event.host());
            json.writeStringField("kind", event.kind().name());
            json.writeStringField("thread", event.thread());
            if (event.kind() == Event.Kind.READ) {
                json.writeNumberField("bytes", event.bytes());
            }
            json.writeEndObject();
            json.writeEndObject();
        }

        /** Starts a complete event ({@code X}) from one time to another; the caller may add args, then ends it. */
        private void complete(String name, int pid, int tid, long fromNanos, long toNanos) throws IOException {
            start(name, "X", pid, tid);
            json.writeFieldName("ts");
            json.writeNumber(micros(fromNanos));
            json.writeFieldName("dur");
            json.writeNumber(BigDecimal.valueOf(Math.max(0, toNanos - fromNanos), 3));
        }

        private void start(String name, String phase, int pid, int tid) throws IOException {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeStringField("cat", CATEGORY);
            json.writeStringField("ph", phase);
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", tid);
        }

        /** Microseconds from the run's first event, to the nanosecond: a plain decimal such as 1234.567. */
        private BigDecimal micros(long nanos) {
            return BigDecimal.valueOf(Math.max(0, nanos - originNanos), 3);
        }

        private void otherData() throws IOException {
            Ending ending = recording.ending();
            json.writeObjectFieldStart("otherData");
            json.writeStringField("stage", recording.stage());
            json.writeBooleanField("complete", ending.complete());
            if (ending.why() != null) {
                json.writeStringField("why", ending.why());
            }
            json.writeNumberField("requests", recording.requests().size());
            json.writeNumberField("answered", recording.outcomes().stream().filter(Outcome::answered).count());
            json.writeEndObject();
        }
    }
}
