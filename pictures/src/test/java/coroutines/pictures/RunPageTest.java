package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coroutines.testbed.Event;
import coroutines.testbed.Event.Kind;
import coroutines.testbed.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page --picture writes, from hand-made events: one file, nothing fetched, every event kept, names escaped. */
class RunPageTest {

    /** A host name that would run a script if the page put it in as markup; with quotes and control bytes too. */
    static final String MARKUP_HOST = "<script>alert(1)</script>\"'\u0000\u001b[31m</script><!--";

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"run-data\">(.*?)</script>", Pattern.DOTALL);

    /** Two requests: the first answers in two reads, the second (the markup host) fails. */
    static RunPage.Picture twoRequests() {
        List<Target> requests = List.of(target("so1n.me", 1), target(MARKUP_HOST, 2));
        List<Event> events = new ArrayList<>();
        long t = 1_000_000_000L;
        events.add(new Event("so1n.me", 1, Kind.CONNECTING, t, "main", 0));
        events.add(new Event(MARKUP_HOST, 2, Kind.CONNECTING, t + 1_000_000, "main", 0));
        events.add(new Event("so1n.me", 1, Kind.CONNECTED, t + 2_000_000, "main", 0));
        events.add(new Event("so1n.me", 1, Kind.SENT, t + 3_000_000, "worker <b>1</b>", 0));
        events.add(new Event("so1n.me", 1, Kind.READ, t + 200_000_000, "worker <b>1</b>", 300));
        events.add(new Event("so1n.me", 1, Kind.READ, t + 210_000_000, "main", 40));
        events.add(new Event(MARKUP_HOST, 2, Kind.FAILED, t + 250_000_000, "main", 0));
        events.add(new Event("so1n.me", 1, Kind.END, t + 300_000_000, "main", 0));
        return new RunPage.Picture("stage3-selector-callbacks", "1 of 2 hosts answered in 300 ms, client CPU 20 ms",
                requests, events, Map.of(2, "connection refused </script><b>x</b>"), "1 of 2 requests failed");
    }

    static Target target(String host, int request) {
        return new Target(host, InetSocketAddress.createUnresolved("localhost", 80)).numbered(request);
    }

    /** The JSON the page embeds, parsed as a browser's JSON.parse would read it. */
    static JsonNode dataOf(String page) throws Exception {
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).as("the page has its data element").isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    @Test
    void the_page_is_one_file_that_refers_to_nothing_on_the_network(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("run.html");

        RunPage.write(file, twoRequests());

        assertThat(directory).isDirectoryContaining(path -> path.equals(file));
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
        String page = Files.readString(file);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//")
                .doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(");
    }

    @Test
    void the_embedded_json_holds_every_event_in_order() throws Exception {
        RunPage.Picture picture = twoRequests();

        JsonNode data = dataOf(RunPage.html(picture));

        JsonNode events = data.get("events");
        assertThat(events).hasSize(picture.events().size());
        for (int i = 0; i < picture.events().size(); i++) {
            Event event = picture.events().get(i);
            JsonNode drawn = events.get(i);
            assertThat(drawn.get(0).asInt()).isEqualTo(event.request());
            assertThat(data.get("kinds").get(drawn.get(1).asInt()).asText()).isEqualTo(event.kind().name());
            assertThat(drawn.get(2).asLong()).isEqualTo((event.nanos() - picture.events().get(0).nanos()) / 1_000);
            assertThat(data.get("threads").get(drawn.get(3).asInt()).asText()).isEqualTo(event.thread());
            assertThat(drawn.get(4).asInt()).isEqualTo(event.bytes());
        }
        assertThat(data.get("requests")).hasSize(2);
        assertThat(data.get("requests").get(1).get("host").asText()).isEqualTo(MARKUP_HOST);
        assertThat(data.get("requests").get(1).get("failure").asText()).isEqualTo("connection refused </script><b>x</b>");
        assertThat(data.get("requests").get(0).has("failure")).isFalse();
        assertThat(data.get("summary").asText()).isEqualTo(picture.summary());
        assertThat(data.get("incomplete").asText()).isEqualTo("1 of 2 requests failed");
        assertThat(data.get("notes").isObject()).isTrue();
    }

    @Test
    void markup_in_names_and_reasons_appears_only_escaped() {
        String page = RunPage.html(twoRequests());

        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<b>").doesNotContain("\u0000")
                .doesNotContain("\u001b").contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E");
        // The template's own two script elements, and no third that a name could have opened or closed.
        assertThat(Pattern.compile("<script").matcher(page).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("</script>").matcher(page).results().count()).isEqualTo(2);
    }

    @Test
    void half_a_surrogate_pair_in_a_name_does_not_lose_the_page(@TempDir Path directory) throws Exception {
        RunPage.Picture picture = new RunPage.Picture("stage", "0 of 1 hosts answered in 1 ms, client CPU 1 ms",
                List.of(target("so1n.me", 1)), List.of(new Event("so1n.me", 1, Kind.CONNECTING, 5, "half \uD800 pair", 0)),
                Map.of(1, "reason \uDC00"), "1 of 1 requests failed");
        Path file = directory.resolve("run.html");

        RunPage.write(file, picture);

        assertThat(dataOf(Files.readString(file)).get("events")).hasSize(1);
    }

    @Test
    void a_complete_run_has_no_reason_to_be_marked_incomplete() throws Exception {
        RunPage.Picture whole = new RunPage.Picture("stage", "1 of 1 hosts answered in 1 ms, client CPU 1 ms",
                List.of(target("so1n.me", 1)), List.of(new Event("so1n.me", 1, Kind.CONNECTING, 5, "main", 0),
                        new Event("so1n.me", 1, Kind.END, 9, "main", 0)), Map.of(), null);

        assertThat(dataOf(RunPage.html(whole)).get("incomplete").isNull()).isTrue();
    }

    /** {@code count} requests going round the article's four hosts, each answering in three reads, on eight threads. */
    static RunPage.Picture requests(int count) {
        List<Target> requests = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        String[] hosts = {"so1n.me", "github.com", "google.com", "baidu.com"};
        for (int n = 1; n <= count; n++) {
            String host = hosts[(n - 1) % hosts.length];
            requests.add(target(host, n));
            long t = n * 1_000_000L;
            for (Kind kind : List.of(Kind.CONNECTING, Kind.CONNECTED, Kind.SENT, Kind.READ, Kind.READ, Kind.READ, Kind.END)) {
                events.add(new Event(host, n, kind, t += 123_457, "ForkJoinPool-1-worker-" + n % 8, kind == Kind.READ ? 1460 : 0));
            }
        }
        return new RunPage.Picture("stage5-tasks-futures", count + " of " + count + " hosts answered in 1 ms, client CPU 1 ms",
                requests, events, Map.of(), null);
    }

    @Test
    void a_thousand_requests_make_a_page_under_three_megabytes() {
        String page = RunPage.html(requests(1_000));

        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(3_000_000);
    }

    @Test
    void a_path_in_a_missing_directory_or_a_directory_cannot_be_written(@TempDir Path directory) {
        assertThat(RunPage.whyNotWritable(directory.resolve("no-such-directory/run.html")))
                .isEqualTo("there is no directory " + directory.resolve("no-such-directory").toAbsolutePath());
        assertThat(RunPage.whyNotWritable(directory)).isEqualTo("it is a directory");
        assertThat(RunPage.whyNotWritable(directory.resolve("run.html"))).isNull();
        assertThat(directory.resolve("run.html")).as("the check leaves no file behind").doesNotExist();
    }
}
