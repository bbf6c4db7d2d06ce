package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What grading writes: the gradebook (RFC 4180), the feedback page, and Gradescope's results.json. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GradebookTest {

    private final Catalogue catalogue = Catalogue.parse(CatalogueTest.TWO_EXERCISES, "test");
    private final Catalogue.Exercise first = catalogue.get("1.1");
    private final Catalogue.Exercise second = catalogue.get("1.2");

    /** A student who did 1.1 (3 points), failed 1.2 (7 points) with a message of several lines, and edited a test. */
    private final ClassGrader.StudentGrade odd = new ClassGrader.StudentGrade("odd", "odd.zip", List.of(
            new ClassGrader.ExerciseGrade(first, new Checker.Result(first, Checker.State.DONE, 3, List.of(), null), null, 3, 3),
            new ClassGrader.ExerciseGrade(second, new Checker.Result(second, Checker.State.FAILING, 2, List.of(
                    new Checker.Failure("sends every byte", "expected: 10 bytes\n but was: 4 bytes, \"short\"", null),
                    new Checker.Failure("ends in time", "did not finish: a wait nothing wakes (sends() timed out after 10 seconds)",
                            null)), null), null, 0, 7)),
            List.of(new Transplant.Ignored("stage1/src/test/java/ATest.java", Transplant.Change.CHANGED)), null, 2.4);

    /** A student whose archive was refused. */
    private final ClassGrader.StudentGrade refused = new ClassGrader.StudentGrade("evil", "evil.zip", List.of(
            new ClassGrader.ExerciseGrade(first, null, null, 0, 3), new ClassGrader.ExerciseGrade(second, null, null, 0, 7)),
            List.of(), Messages.of(Lang.EN).text("grade.archiveRefused", "it holds a path with '..', ../evil"), 0.1);

    @Test
    void the_gradebook_has_a_column_of_points_per_exercise_a_total_and_notes_quoted_as_rfc_4180_says() {
        String csv = new Gradebook(List.of(first, second), Lang.EN).csv(List.of(odd, refused));

        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = parseCsv(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("student", "1.1", "1.2", "total", "max", "notes");
        assertThat(rows.get(1).subList(0, 5)).containsExactly("odd", "3", "0", "3", "10");
        assertThat(rows.get(1).get(5)).contains("1.2").contains("stopped at its bound").contains("stage1/src/test/java/ATest.java");
        assertThat(rows.get(2).subList(0, 5)).containsExactly("evil", "0", "0", "0", "10");
        assertThat(rows.get(2).get(5)).contains("refused");
    }

    @Test
    void a_field_with_a_quote_a_comma_or_a_line_break_is_quoted_and_a_formula_stays_text() {
        assertThat(Gradebook.field("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(Gradebook.field("plain")).isEqualTo("plain");
        assertThat(parseCsv(Gradebook.field("a \"b\", c\nd") + "\r\n")).containsExactly(List.of("a \"b\", c\nd"));
    }

    @Test
    void the_results_file_holds_score_tests_and_what_was_not_graded(@TempDir Path out) throws IOException {
        new Gradebook(List.of(first, second), Lang.EN).write(out, List.of(odd, refused));

        JsonNode results = new ObjectMapper().readTree(out.resolve(Gradebook.RESULTS).resolve("odd.json").toFile());
        assertThat(results.get("score").asInt()).isEqualTo(3);
        assertThat(results.get("visibility").asText()).isEqualTo("visible");
        assertThat(results.get("output").asText()).contains("3 of 10");
        JsonNode tests = results.get("tests");
        assertThat(tests).hasSize(2);
        assertThat(tests.get(0).get("name").asText()).startsWith("1.1");
        assertThat(tests.get(0).get("score").asInt()).isEqualTo(3);
        assertThat(tests.get(0).get("max_score").asInt()).isEqualTo(3);
        assertThat(tests.get(1).get("max_score").asInt()).isEqualTo(7);
        assertThat(tests.get(0).get("status").asText()).isEqualTo("passed");
        assertThat(tests.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(tests.get(1).get("score").asInt()).isZero();
        assertThat(tests.get(1).get("output").asText()).contains("sends every byte").contains("but was: 4 bytes")
                .contains("stopped at its bound");
        assertThat(results.get("extra_data").get("not_graded").get(0).get("path").asText())
                .isEqualTo("stage1/src/test/java/ATest.java");
        JsonNode evil = new ObjectMapper().readTree(out.resolve(Gradebook.RESULTS).resolve("evil.json").toFile());
        assertThat(evil.get("score").asInt()).isZero();
        assertThat(evil.get("tests").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(evil.get("output").asText()).contains("refused");
    }

    @Test
    void the_feedback_page_says_what_it_is_and_gives_each_failing_test_and_the_files_not_graded(@TempDir Path out)
            throws IOException {
        new Gradebook(List.of(first, second), Lang.EN).write(out, List.of(odd, refused));

        String page = Files.readString(out.resolve(Gradebook.FEEDBACK).resolve("odd.md"));
        assertThat(page.lines().findFirst().orElseThrow()).startsWith("# ").contains("graded");
        assertThat(page).contains("3 of 10").contains("sends every byte").contains("but was: 4 bytes")
                .contains("stopped at its bound").contains("`stage1/src/test/java/ATest.java`");
        assertThat(Files.readString(out.resolve(Gradebook.FEEDBACK).resolve("evil.md"))).contains("refused").contains("0 of 10");
    }

    @Test
    void graded_in_chinese_the_feedback_page_has_chinese_headings_state_words_and_exercise_titles(@TempDir Path out)
            throws IOException {
        new Gradebook(List.of(first, second), Lang.ZH).write(out, List.of(odd, refused));

        String page = Files.readString(out.resolve(Gradebook.FEEDBACK).resolve("odd.md"));
        List<String> headings = page.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(headings).as("the page's headings").containsExactly("# 你的练习的评分：odd", "## 1.2 发送它", "## 没有评分的文件");
        assertThat(page).as("the table's head, the zh state words and titles")
                .contains("| 练习 | 状态 | 得分 |")
                .contains("| 1.1 读它 | " + Messages.stateWords(Checker.State.DONE, Lang.ZH) + " |")
                .contains("| 1.2 发送它 | " + Messages.stateWords(Checker.State.FAILING, Lang.ZH) + "（2 个测试中通过了 0 个），到了时限被停下 |")
                .contains("**得分：3 分，满分 10 分**")
                .contains("没通过的测试").contains("sends every byte").contains("but was: 4 bytes")
                .contains("`stage1/src/test/java/ATest.java`（改了）")
                .doesNotContain("Points", "graded", "tests pass", "Not graded", "Read it", "Send it");
        assertThat(Files.readString(out.resolve(Gradebook.FEEDBACK).resolve("evil.md")))
                .contains("什么也没能评分").contains("refused").contains("满分 10 分");
    }

    @Test
    void graded_in_chinese_the_csv_keeps_its_column_ids_and_the_results_their_fields_with_chinese_texts(@TempDir Path out)
            throws IOException {
        Gradebook chinese = new Gradebook(List.of(first, second), Lang.ZH);
        List<List<String>> rows = parseCsv(chinese.csv(List.of(odd, refused)));

        assertThat(rows.get(0)).as("the header: ids, the same in every language")
                .isEqualTo(parseCsv(new Gradebook(List.of(first, second), Lang.EN).csv(List.of())).get(0));
        assertThat(rows.get(1).subList(0, 5)).containsExactly("odd", "3", "0", "3", "10");
        assertThat(rows.get(1).get(5)).contains("1.2 没通过").contains("没有评分的文件：stage1/src/test/java/ATest.java（改了）");

        chinese.write(out, List.of(odd, refused));
        JsonNode results = new ObjectMapper().readTree(out.resolve(Gradebook.RESULTS).resolve("odd.json").toFile());
        JsonNode english = new Gradebook(List.of(first, second), Lang.EN).results(odd);
        assertThat(fieldNames(results)).as("Gradescope's field names").isEqualTo(fieldNames(english));
        assertThat(results.get("score").asInt()).isEqualTo(3);
        assertThat(results.get("output").asText()).contains("得分：3 分，满分 10 分");
        assertThat(results.get("tests").get(1).get("name").asText()).isEqualTo("1.2 发送它");
        assertThat(results.get("tests").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(results.get("tests").get(1).get("output").asText()).contains("0 分，满分 7 分").contains("没通过的测试");
        assertThat(results.get("extra_data").get("not_graded").get(0).get("change").asText()).isEqualTo("changed");
    }

    /** Every field name in a JSON tree, with its path. */
    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        collect(node, "", names);
        return names;
    }

    private static void collect(JsonNode node, String path, List<String> names) {
        node.fields().forEachRemaining(field -> {
            names.add(path + field.getKey());
            collect(field.getValue(), path + field.getKey() + ".", names);
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            collect(node.get(i), path + i + ".", names);
        }
    }

    /** RFC 4180's fields and records: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
