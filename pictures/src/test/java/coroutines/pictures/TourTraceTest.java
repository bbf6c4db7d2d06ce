package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.StageRun.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's trace: the stages' own traces merged, each stage's processes apart and named after it. */
class TourTraceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A stage's own trace, as ChromeTrace writes it: {@code count} requests, all answered. */
    private static byte[] traceOf(String stage, int count) throws IOException {
        RunPage.Picture run = RunPageTest.requests(count);
        List<Outcome> answered = run.requests().stream().map(target -> new Outcome(target, new byte[0], null)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(new ChromeTrace.Recording(stage, run.requests(), run.events(), answered,
                ChromeTrace.Ending.completeRun()), out);
        return out.toByteArray();
    }

    private static JsonNode merged(List<TourTrace.Stage> stages, Path directory) throws IOException {
        Path file = directory.resolve("tour.json");
        TourTrace.write(file, stages);
        return MAPPER.readTree(Files.readString(file));
    }

    private static List<JsonNode> events(JsonNode trace) {
        return StreamSupport.stream(trace.get("traceEvents").spliterator(), false).toList();
    }

    @Test
    void each_stage_has_processes_of_its_own_named_after_it(@TempDir Path directory) throws IOException {
        JsonNode trace = merged(List.of(TourTrace.Stage.traced("stage1-blocking", traceOf("stage1-blocking", 3)),
                TourTrace.Stage.traced("stage3-selector-callbacks", traceOf("stage3-selector-callbacks", 4))), directory);

        Map<Integer, String> processes = new HashMap<>();
        events(trace).stream().filter(event -> event.get("name").asText().equals("process_name"))
                .forEach(event -> processes.put(event.get("pid").asInt(), event.get("args").get("name").asText()));
        assertThat(processes).containsExactlyInAnyOrderEntriesOf(Map.of(1, "stage1-blocking: requests",
                2, "stage1-blocking: threads", 3, "stage3-selector-callbacks: requests", 4, "stage3-selector-callbacks: threads"));
        assertThat(trace.get("otherData").get("complete").asBoolean()).isTrue();
        assertThat(trace.get("otherData").get("stages").findValuesAsText("stage"))
                .containsExactly("stage1-blocking", "stage3-selector-callbacks");
    }

    @Test
    void no_track_and_no_flow_is_shared_between_stages(@TempDir Path directory) throws IOException {
        JsonNode trace = merged(List.of(TourTrace.Stage.traced("one", traceOf("one", 4)),
                TourTrace.Stage.traced("two", traceOf("two", 4))), directory);

        Map<Integer, Set<Integer>> pidsOfTid = new HashMap<>();
        Map<Integer, List<String>> flowEnds = new HashMap<>();
        for (JsonNode event : events(trace)) {
            if (event.get("tid").asInt() != 0) {
                pidsOfTid.computeIfAbsent(event.get("tid").asInt(), tid -> new HashSet<>()).add(event.get("pid").asInt());
            }
            if (event.has("id")) {
                flowEnds.computeIfAbsent(event.get("id").asInt(), id -> new ArrayList<>()).add(event.get("ph").asText());
            }
        }
        assertThat(pidsOfTid.values()).as("each track in one process").allMatch(pids -> pids.size() == 1);
        assertThat(flowEnds).isNotEmpty();
        assertThat(flowEnds.values()).as("each flow id a start and a finish").allMatch(ends -> ends.size() == 2);
    }

    @Test
    void a_stage_without_a_trace_makes_the_whole_incomplete_and_says_why(@TempDir Path directory) throws IOException {
        JsonNode trace = merged(List.of(TourTrace.Stage.traced("one", traceOf("one", 2)),
                TourTrace.Stage.withoutTrace("stuck", "stuck did not end within 5 s"),
                TourTrace.Stage.traced("cut", "{\"traceEvents\": [".getBytes())), directory);

        JsonNode stages = trace.get("otherData").get("stages");
        assertThat(trace.get("otherData").get("complete").asBoolean()).isFalse();
        assertThat(stages.get(1).get("why").asText()).isEqualTo("stuck did not end within 5 s");
        assertThat(stages.get(2).get("why").asText()).startsWith("its trace could not be read");
        assertThat(events(trace)).isNotEmpty();
    }
}
