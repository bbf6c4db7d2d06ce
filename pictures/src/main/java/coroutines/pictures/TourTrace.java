package coroutines.pictures;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tour's trace ({@code ./run tour --trace FILE.json}): the stages' own traces ({@link ChromeTrace})
 * merged into one, each stage's processes re-numbered after the earlier stages' and named after it,
 * so a trace viewer shows every stage, one under another, each from its own first event.
 */
public final class TourTrace {

    // Times stay the decimals ChromeTrace wrote (1234.567), not doubles.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * One stage's part of the trace.
     *
     * @param name    the stage's name
     * @param trace   the trace its run wrote, or null if it wrote none
     * @param missing why it wrote none (the tour stopped its JVM, it crashed), or null
     */
    public record Stage(String name, byte[] trace, String missing) {

        /** A stage whose run wrote its trace. */
        public static Stage traced(String name, byte[] trace) {
            return new Stage(name, trace, null);
        }

        /** A stage that wrote no trace: {@code otherData} says why. */
        public static Stage withoutTrace(String name, String why) {
            return new Stage(name, null, why);
        }
    }

    private TourTrace() {
    }

    /** Writes the merged trace of the stages to {@code file}, replacing what was there. */
    public static void write(Path file, List<Stage> stages) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(merged(stages)));
    }

    /**
     * One trace of all the stages. Pids, tids and flow ids are moved past the earlier stages' (a
     * viewer takes tids and flow ids as trace-wide); {@code otherData} lists each stage's own, and is
     * complete only if every stage's run was.
     */
    static ObjectNode merged(List<Stage> stages) {
        ObjectNode merged = JSON.createObjectNode();
        ArrayNode events = merged.putArray("traceEvents");
        merged.put("displayTimeUnit", "ms");
        ObjectNode otherData = merged.putObject("otherData");
        ArrayNode stagesData = otherData.putArray("stages");
        boolean complete = true;
        int nextPid = 1;
        long tidOffset = 0;
        long flowIdOffset = 0;
        for (Stage stage : stages) {
            JsonNode trace = read(stage, stagesData);
            if (trace == null) {
                complete = false;
                continue;
            }
            Map<Long, Integer> pids = new HashMap<>();
            long mostTid = 0;
            long mostFlowId = 0;
            for (JsonNode original : trace.path("traceEvents")) {
                ObjectNode event = original.deepCopy();
                long pid = event.path("pid").asLong();
                if (!pids.containsKey(pid)) {
                    pids.put(pid, nextPid++);
                }
                event.put("pid", pids.get(pid));
                long tid = event.path("tid").asLong();
                mostTid = Math.max(mostTid, tid);
                if (tid != 0) { // tid 0 is a process's own metadata
                    event.put("tid", tid + tidOffset);
                }
                if (event.has("id")) {
                    mostFlowId = Math.max(mostFlowId, event.path("id").asLong());
                    event.put("id", event.path("id").asLong() + flowIdOffset);
                }
                renamed(event, stage.name(), pids.get(pid), tidOffset);
                events.add(event);
            }
            tidOffset += mostTid;
            flowIdOffset += mostFlowId;
            JsonNode own = trace.path("otherData");
            stagesData.add(own.isObject() ? own.deepCopy() : JSON.createObjectNode().put("stage", stage.name()));
            complete &= own.path("complete").asBoolean(false);
        }
        otherData.put("complete", complete);
        return merged;
    }

    /** A stage's trace as a tree; null, with why in {@code stagesData}, if it has none that reads. */
    private static JsonNode read(Stage stage, ArrayNode stagesData) {
        String why = stage.missing() == null ? "it wrote no trace" : stage.missing();
        if (stage.trace() != null) {
            try {
                JsonNode trace = JSON.readTree(stage.trace());
                if (trace != null && trace.path("traceEvents").isArray()) {
                    return trace;
                }
                why = "its trace has no traceEvents";
            } catch (IOException e) {
                why = "its trace could not be read (" + e.getMessage().lines().findFirst().orElse("") + ")";
            }
        }
        stagesData.addObject().put("stage", stage.name()).put("complete", false).put("why", why);
        return null;
    }

    /** Metadata that names or orders a track: the process named after its stage, the order kept across stages. */
    private static void renamed(ObjectNode event, String stage, int pid, long tidOffset) {
        if (!"M".equals(event.path("ph").asText()) || !(event.get("args") instanceof ObjectNode args)) {
            return;
        }
        switch (event.path("name").asText()) {
            case "process_name" -> args.put("name", stage + ": " + args.path("name").asText());
            case "process_sort_index" -> args.put("sort_index", pid);
            case "thread_sort_index" -> args.put("sort_index", args.path("sort_index").asLong() + tidOffset);
            default -> {
                // thread names stay as the stage wrote them: the process says which stage they are in
            }
        }
    }
}
