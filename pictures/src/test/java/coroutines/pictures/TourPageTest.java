package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's page, from hand-made runs: every stage in order, nothing fetched, names escaped, a stage without data kept. */
class TourPageTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"tour-data\">(.*?)</script>", Pattern.DOTALL);

    /** Two stages that ran (the first with a failed request and a markup host name), and one the tour stopped. */
    static List<TourPage.Stage> threeStages() {
        return List.of(TourPage.Stage.ran("stage1-blocking", RunPage.data(RunPageTest.twoRequests())),
                TourPage.Stage.ran("stage5-tasks-futures", RunPage.data(RunPageTest.requests(8))),
                TourPage.Stage.withoutRun("stuck", "stuck did not end within 5 s"));
    }

    /** The JSON the page embeds, parsed as a browser's JSON.parse would read it. */
    static JsonNode dataOf(String page) throws Exception {
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).as("the page has its data element").isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    @Test
    void every_stage_is_on_the_page_in_order_with_its_run() throws Exception {
        JsonNode stages = dataOf(TourPage.html(threeStages())).get("stages");

        assertThat(stages).hasSize(3);
        assertThat(stages.get(0).get("stage").asText()).isEqualTo("stage3-selector-callbacks"); // as its run names it
        assertThat(stages.get(0).get("requests")).hasSize(2);
        assertThat(stages.get(0).get("events")).hasSize(RunPageTest.twoRequests().events().size());
        assertThat(stages.get(1).get("requests")).hasSize(8);
        assertThat(stages.get(0).get("incomplete").asText()).isEqualTo("1 of 2 requests failed");
    }

    @Test
    void a_stage_without_data_is_kept_empty_and_marked_incomplete_with_why() throws Exception {
        JsonNode stuck = dataOf(TourPage.html(threeStages())).get("stages").get(2);

        assertThat(stuck.get("stage").asText()).isEqualTo("stuck");
        assertThat(stuck.get("incomplete").asText()).isEqualTo("stuck did not end within 5 s");
        assertThat(stuck.get("requests")).isEmpty();
        assertThat(stuck.get("events")).isEmpty();
    }

    @Test
    void data_cut_short_makes_that_stage_incomplete_not_the_page_broken() throws Exception {
        String cut = RunPage.data(RunPageTest.twoRequests()).substring(0, 40);

        JsonNode stage = dataOf(TourPage.html(List.of(TourPage.Stage.ran("stage1-blocking", cut)))).get("stages").get(0);

        assertThat(stage.get("stage").asText()).isEqualTo("stage1-blocking");
        assertThat(stage.get("incomplete").asText()).startsWith("its page data could not be read");
    }

    @Test
    void the_page_is_one_file_whose_data_cannot_end_its_script_element(@TempDir Path directory) throws Exception {
        Path page = directory.resolve("tour.html");

        TourPage.write(page, threeStages());

        String html = Files.readString(page);
        String opening = "id=\"tour-data\">";
        int start = html.indexOf(opening) + opening.length();
        String data = html.substring(start, html.indexOf("</script>", start));
        assertThat(data).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=");
        assertThat(dataOf(html).get("stages").get(0).get("requests").get(1).get("host").asText())
                .isEqualTo(RunPageTest.MARKUP_HOST);
    }

    @Test
    void script_safe_json_is_the_same_json() throws Exception {
        String json = "{\"a\":\"</script><!-- & \u2028\"}";

        String safe = TourPage.scriptSafe(json);

        assertThat(safe).doesNotContain("<").doesNotContain("\u2028");
        assertThat(new ObjectMapper().readTree(safe)).isEqualTo(new ObjectMapper().readTree(json));
    }
}
