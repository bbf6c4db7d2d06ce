package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Event;
import coroutines.testbed.Event.Kind;
import coroutines.testbed.StageRun.Outcome;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The trace of a hand-made record, read back with Jackson: the format's fields, the tracks, the flows, the escaping. */
class ChromeTraceTest {

    /** A host name no JSON writer may pass through as it is: quotes, a backslash, control bytes, a closing script tag. */
    private static final String NASTY_HOST = "a\"b\\c\u0001\u001f\n\t</script><b>中文";
    private static final String FAILURE = "connection refused: \"nobody\" listens\\here\u0007";

    private static final Target SO1N = target("so1n.me", 1);
    private static final Target NASTY = target(NASTY_HOST, 2);
    private static final Target REFUSED = target("github.com", 3);

    // Request 1 answers on the loop thread with two reads; 2 has its reads on a worker; 3 is refused.
    private static final List<Event> EVENTS = List.of(
            event(SO1N, Kind.CONNECTING, 1_000, "main", 0),
            event(NASTY, Kind.CONNECTING, 2_000, "main", 0),
            event(REFUSED, Kind.CONNECTING, 3_000, "main", 0),
            event(SO1N, Kind.CONNECTED, 5_500, "main", 0),
            event(SO1N, Kind.SENT, 6_000, "main", 0),
            event(REFUSED, Kind.FAILED, 6_500, "main", 0),
            event(NASTY, Kind.CONNECTED, 7_000, "main", 0),
            event(NASTY, Kind.SENT, 7_100, "main", 0),
            event(SO1N, Kind.READ, 9_000, "main", 100),
            event(NASTY, Kind.READ, 9_500, "worker \"1\"", 50),
            event(SO1N, Kind.READ, 10_000, "main", 0),
            event(SO1N, Kind.END, 10_001, "main", 0),
            event(NASTY, Kind.READ, 12_000, "worker \"1\"", 0),
            event(NASTY, Kind.END, 12_500, "worker \"1\"", 0));

    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome(REFUSED, null, FAILURE),
            new Outcome(SO1N, new byte[0], null),
            new Outcome(NASTY, new byte[0], null));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Target target(String host, int request) {
        return new Target(host, InetSocketAddress.createUnresolved("localhost", 80)).numbered(request);
    }

    private static Event event(Target target, Kind kind, long nanos, String thread, int bytes) {
        return new Event(target.host(), target.request(), kind, 1_000_000_000L + nanos, thread, bytes);
    }

    private static JsonNode trace(ChromeTrace.Ending ending) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(new ChromeTrace.Recording("stage-test", List.of(SO1N, NASTY, REFUSED), EVENTS, OUTCOMES, ending), out);
        return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> events(JsonNode trace) {
        return StreamSupport.stream(trace.get("traceEvents").spliterator(), false).toList();
    }

    private static List<JsonNode> withPhase(JsonNode trace, String phase) {
        return events(trace).stream().filter(event -> event.get("ph").asText().equals(phase)).toList();
    }

    /** The tids named on process {@code pid}, with their names. */
    private static Map<Integer, String> trackNames(JsonNode trace, int pid) {
        Map<Integer, String> names = new HashMap<>();
        withPhase(trace, "M").stream()
                .filter(event -> event.get("name").asText().equals("thread_name") && event.get("pid").asInt() == pid)
                .forEach(event -> names.put(event.get("tid").asInt(), event.get("args").get("name").asText()));
        return names;
    }

    private static int pidNamed(JsonNode trace, String name) {
        return withPhase(trace, "M").stream()
                .filter(event -> event.get("name").asText().equals("process_name")
                        && event.get("args").get("name").asText().equals(name))
                .findFirst().orElseThrow().get("pid").asInt();
    }

    @Test
    void the_file_is_an_object_with_the_events_the_time_unit_and_other_data() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());

        assertThat(trace.get("traceEvents").isArray()).isTrue();
        assertThat(trace.get("displayTimeUnit").asText()).isEqualTo("ms");
        assertThat(trace.get("otherData").get("complete").isBoolean()).isTrue();
        assertThat(trace.get("otherData").get("complete").asBoolean()).isTrue();
        assertThat(trace.get("otherData").has("why")).isFalse();
        assertThat(trace.get("otherData").get("stage").asText()).isEqualTo("stage-test");
    }

    @Test
    void every_event_has_the_documented_fields_with_the_types_its_phase_wants() throws IOException {
        for (JsonNode event : events(trace(ChromeTrace.Ending.completeRun()))) {
            assertThat(event.get("name").isTextual()).as("name of %s", event).isTrue();
            assertThat(event.get("cat").isTextual()).as("cat of %s", event).isTrue();
            assertThat(event.get("pid").isInt()).as("pid of %s", event).isTrue();
            assertThat(event.get("tid").isInt()).as("tid of %s", event).isTrue();
            assertThat(event.get("ts").isNumber()).as("ts of %s", event).isTrue();
            assertThat(event.get("ts").asDouble()).as("ts of %s", event).isGreaterThanOrEqualTo(0);
            switch (event.get("ph").asText()) {
                case "X" -> assertThat(event.get("dur").isNumber() && event.get("dur").asDouble() >= 0).as("dur of %s", event).isTrue();
                case "i" -> assertThat(event.get("s").asText()).as("scope of %s", event).isIn("t", "p", "g");
                case "M" -> assertThat(event.get("args").has("name") || event.get("args").has("sort_index")).as("args of %s", event).isTrue();
                case "s", "f" -> assertThat(event.get("id").isNumber()).as("id of %s", event).isTrue();
                default -> throw new AssertionError("a phase this writer should not use: " + event);
            }
        }
    }

    @Test
    void each_request_has_one_track_and_a_slice_from_its_first_event_to_its_end() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());
        int requests = pidNamed(trace, "requests");

        assertThat(trackNames(trace, requests)).containsExactlyInAnyOrderEntriesOf(Map.of(
                1, "#1 so1n.me", 2, "#2 " + NASTY_HOST, 3, "#3 github.com"));
        JsonNode whole = withPhase(trace, "X").stream()
                .filter(event -> event.get("pid").asInt() == requests && event.get("tid").asInt() == 1)
                .findFirst().orElseThrow();
        assertThat(whole.get("name").asText()).isEqualTo("so1n.me #1");
        assertThat(whole.get("ts").decimalValue()).isEqualByComparingTo("0");
        assertThat(whole.get("dur").decimalValue()).isEqualByComparingTo("9.001"); // 1,000 ns to 10,001 ns
        assertThat(whole.get("args").get("outcome").asText()).isEqualTo("answered");
        assertThat(whole.get("args").get("bytes").asLong()).isEqualTo(100);
        List<String> phases = withPhase(trace, "X").stream()
                .filter(event -> event.get("pid").asInt() == requests && event.get("tid").asInt() == 1)
                .map(event -> event.get("name").asText()).toList();
        assertThat(phases).containsExactly("so1n.me #1", "connecting", "sending", "reading");
        // Each phase lasts until the next begins; reading lasts to the answer (times in µs from the first event).
        List<String> spans = withPhase(trace, "X").stream()
                .filter(event -> event.get("pid").asInt() == requests && event.get("tid").asInt() == 1)
                .map(event -> event.get("ts").decimalValue().stripTrailingZeros().toPlainString() + "+"
                        + event.get("dur").decimalValue().stripTrailingZeros().toPlainString()).toList();
        assertThat(spans).containsExactly("0+9.001", "0+4.5", "4.5+0.5", "5+4.001");
    }

    @Test
    void a_failed_request_carries_its_reason_exactly() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());

        JsonNode failed = withPhase(trace, "X").stream()
                .filter(event -> event.get("name").asText().equals("github.com #3")).findFirst().orElseThrow();
        assertThat(failed.get("args").get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("args").get("failure").asText()).isEqualTo(FAILURE);
    }

    @Test
    void each_read_is_an_instant_with_its_bytes() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());
        int requests = pidNamed(trace, "requests");

        List<Long> bytesOfReads = withPhase(trace, "i").stream()
                .filter(event -> event.get("pid").asInt() == requests && event.get("args").get("kind").asText().equals("READ"))
                .map(event -> event.get("args").get("bytes").asLong()).toList();
        assertThat(bytesOfReads).containsExactlyInAnyOrder(100L, 0L, 50L, 0L);
    }

    @Test
    void each_thread_has_one_track_with_an_instant_for_each_event_recorded_on_it() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());
        int threads = pidNamed(trace, "threads");
        Map<Integer, String> tracks = trackNames(trace, threads);

        assertThat(tracks.values()).containsExactlyInAnyOrder("main", "worker \"1\"");
        // Perfetto takes tids as system-wide: no thread's tid may be a request's.
        assertThat(tracks.keySet()).doesNotContainAnyElementsOf(trackNames(trace, pidNamed(trace, "requests")).keySet());
        Map<String, Long> instantsPerThread = new HashMap<>();
        withPhase(trace, "i").stream().filter(event -> event.get("pid").asInt() == threads)
                .forEach(event -> instantsPerThread.merge(tracks.get(event.get("tid").asInt()), 1L, Long::sum));
        assertThat(instantsPerThread).containsExactlyInAnyOrderEntriesOf(Map.of("main", 11L, "worker \"1\"", 3L));
    }

    @Test
    void a_flow_leads_from_each_wait_on_a_request_track_to_the_step_that_resumed_it_on_a_thread() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.completeRun());
        int requests = pidNamed(trace, "requests");
        int threads = pidNamed(trace, "threads");
        List<JsonNode> starts = withPhase(trace, "s");
        List<JsonNode> finishes = withPhase(trace, "f");

        // One flow per event after a request's first: 14 events, 3 requests.
        assertThat(starts).hasSize(11);
        assertThat(finishes).hasSize(11);
        Set<String> startKeys = new HashSet<>();
        for (JsonNode start : starts) {
            assertThat(start.get("pid").asInt()).isEqualTo(requests);
            startKeys.add(start.get("id").asText() + "/" + start.get("cat").asText() + "/" + start.get("name").asText());
        }
        List<String> finishKeys = new ArrayList<>();
        for (JsonNode finish : finishes) {
            assertThat(finish.get("pid").asInt()).isEqualTo(threads);
            assertThat(finish.get("bp").asText()).isEqualTo("e");
            finishKeys.add(finish.get("id").asText() + "/" + finish.get("cat").asText() + "/" + finish.get("name").asText());
        }
        assertThat(finishKeys).containsExactlyInAnyOrderElementsOf(startKeys);
        // The nasty host's first read ran on the worker: its flow starts at its SENT (7,100 ns) and ends on the worker.
        JsonNode toWorker = finishes.stream().filter(finish -> trackNames(trace, threads).get(finish.get("tid").asInt())
                .equals("worker \"1\"")).findFirst().orElseThrow();
        JsonNode itsStart = starts.stream().filter(start -> start.get("id").equals(toWorker.get("id"))).findFirst().orElseThrow();
        assertThat(itsStart.get("tid").asInt()).isEqualTo(2);
        assertThat(itsStart.get("ts").decimalValue()).isEqualByComparingTo("6.1");
        assertThat(toWorker.get("ts").decimalValue()).isEqualByComparingTo("8.5");
    }

    @Test
    void a_run_cut_short_says_so_and_why() throws IOException {
        JsonNode trace = trace(ChromeTrace.Ending.cutShort("stopped by \"Ctrl-C\"\u0003"));

        assertThat(trace.get("otherData").get("complete").asBoolean()).isFalse();
        assertThat(trace.get("otherData").get("why").asText()).isEqualTo("stopped by \"Ctrl-C\"\u0003");
    }

    @Test
    void the_text_escapes_what_json_must_and_a_closing_script_tag_round_trips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(new ChromeTrace.Recording("stage-test", List.of(NASTY), EVENTS.stream()
                .filter(event -> event.request() == 2).toList(), List.of(), ChromeTrace.Ending.completeRun()), out);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("\u0001").doesNotContain("\n").contains("\\\"b\\\\c\\u0001");
        JsonNode trace = MAPPER.readTree(text);
        assertThat(trackNames(trace, pidNamed(trace, "requests"))).containsEntry(2, "#2 " + NASTY_HOST);
        assertThat(withPhase(trace, "X").get(0).get("args").get("host").asText()).isEqualTo(NASTY_HOST);
        assertThat(withPhase(trace, "X").get(0).get("args").get("outcome").asText()).isEqualTo("not ended");
    }

    @Test
    void a_request_with_no_event_still_has_its_track() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(new ChromeTrace.Recording("stage-test", List.of(SO1N), List.of(), List.of(),
                ChromeTrace.Ending.cutShort("stopped")), out);
        JsonNode trace = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));

        assertThat(trackNames(trace, pidNamed(trace, "requests"))).containsExactly(Map.entry(1, "#1 so1n.me"));
        assertThat(withPhase(trace, "X")).isEmpty();
    }
}
