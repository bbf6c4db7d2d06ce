package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalogue's format on a small fixture, in both languages, and the errors a teacher gets for a
 * bad entry (each naming the exercise and the line); and that this repository's catalogue is complete.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CatalogueTest {

    static final List<String> TWO_EXERCISES = List.of(
            "# a comment",
            "exercise 1.1",
            "title: Read it",
            "title.zh: 读它",
            "module: stage1",
            "where: A.java, A.read",
            "write: the loop",
            "  that reads",
            "write.zh: 读取的",
            "  那个循环",
            "article: section 1",
            "article.zh: 第 1 节",
            "hint: first",
            "hint.zh: 第一条",
            "hint: second",
            "hint.zh: 第二条",
            "tests: a.ReadTest",
            "points: 3",
            "",
            "exercise 1.2",
            "title: Send it",
            "title.zh: 发送它",
            "module: stage1",
            "where: A.java",
            "write: the send",
            "write.zh: 发送",
            "article: section 1",
            "article.zh: 第 1 节",
            "hint: only",
            "hint.zh: 唯一的一条",
            "tests: a.SendTest, a.MoreTest",
            "points: 7",
            "needs: 1.1");

    /** This repository, from the module's directory, where the tests run. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void reads_exercises_in_order_with_continued_lines_joined() {
        Catalogue catalogue = Catalogue.parse(TWO_EXERCISES, "fixture");

        assertThat(catalogue.exercises()).extracting(Catalogue.Exercise::id).containsExactly("1.1", "1.2");
        Catalogue.Exercise first = catalogue.get("1.1");
        assertThat(first.write()).isEqualTo("the loop that reads");
        assertThat(first.hints()).containsExactly("first", "second");
        assertThat(first.tag()).isEqualTo("exercise-1.1");
        assertThat(catalogue.get("1.2").tests()).containsExactly("a.SendTest", "a.MoreTest");
        assertThat(catalogue.get("1.2").needs()).containsExactly("1.1");
    }

    @Test
    void reads_what_a_student_reads_in_each_language_and_chinese_lines_go_on_without_a_space() {
        Catalogue.Exercise first = Catalogue.parse(TWO_EXERCISES, "fixture").get("1.1");

        assertThat(first.title(Lang.EN)).isEqualTo("Read it").isEqualTo(first.title());
        assertThat(first.title(Lang.ZH)).isEqualTo("读它");
        assertThat(first.write(Lang.ZH)).isEqualTo("读取的那个循环");
        assertThat(first.article(Lang.ZH)).isEqualTo("第 1 节");
        assertThat(first.hints(Lang.ZH)).containsExactly("第一条", "第二条");
        assertThat(first.hints(Lang.EN)).isEqualTo(first.hints());
    }

    @Test
    void reads_each_exercises_points() {
        Catalogue catalogue = Catalogue.parse(TWO_EXERCISES, "fixture");

        assertThat(catalogue.get("1.1").points()).isEqualTo(3);
        assertThat(catalogue.get("1.2").points()).isEqualTo(7);
        assertThat(catalogue.totalPoints()).isEqualTo(10);
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"title.zh: 读它", "write.zh: 读取的", "article.zh: 第 1 节"})
    void an_exercise_without_one_of_its_chinese_fields_is_refused_naming_the_exercise_and_the_field(String line) {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        lines.remove(line);
        String field = line.substring(0, line.indexOf(':'));

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:2: exercise 1.1").hasMessageContaining("'" + field + ":'");
    }

    @Test
    void an_exercise_with_fewer_chinese_hints_than_english_ones_is_refused_at_its_first_chinese_hint() {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        lines.remove("hint.zh: 第二条");

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (lines.indexOf("hint.zh: 第一条") + 1) + ": exercise 1.1")
                .hasMessageContaining("2 'hint:' lines but 1 'hint.zh:'");
    }

    @Test
    void an_exercise_without_chinese_hints_is_refused() {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        lines.remove("hint.zh: 唯一的一条");

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (lines.indexOf("exercise 1.2") + 1) + ": exercise 1.2")
                .hasMessageContaining("1 'hint:' lines but 0 'hint.zh:'");
    }

    @Test
    void an_exercise_without_points_is_refused_at_its_first_line() {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        lines.remove("points: 7");

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (lines.indexOf("exercise 1.2") + 1) + ": exercise 1.2")
                .hasMessageContaining("'points:'");
    }

    @ParameterizedTest(name = "points: {0}")
    @ValueSource(strings = {"0", "-2", "many", "2.5", ""})
    void points_that_are_not_a_whole_number_above_zero_are_refused_at_their_line(String points) {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        int line = lines.indexOf("points: 3");
        lines.set(line, "points: " + points);

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (line + 1) + ": exercise 1.1").hasMessageContaining("points");
    }

    @Test
    void a_field_given_twice_or_unknown_is_refused_at_its_line() {
        List<String> twice = new ArrayList<>(TWO_EXERCISES);
        twice.add(twice.indexOf("title.zh: 读它") + 1, "title.zh: 再读");
        List<String> unknown = new ArrayList<>(TWO_EXERCISES);
        unknown.add(unknown.indexOf("title.zh: 读它") + 1, "title.fr: Lis-le");

        assertThatThrownBy(() -> Catalogue.parse(twice, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (twice.indexOf("title.zh: 再读") + 1) + ": exercise 1.1")
                .hasMessageContaining("exactly one 'title.zh:'");
        assertThatThrownBy(() -> Catalogue.parse(unknown, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixture:" + (unknown.indexOf("title.fr: Lis-le") + 1) + ": exercise 1.1")
                .hasMessageContaining("unknown field 'title.fr'");
    }

    /** The real catalogue: complete in both languages, points adding up to 100, titles as the docs give them. */
    @Test
    void this_repositorys_catalogue_says_everything_in_chinese_too_and_its_points_add_up_to_100() throws IOException {
        Catalogue catalogue = Catalogue.read(ROOT);
        String chinesePage = Files.readString(ROOT.resolve("docs/zh/exercises.md"));

        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            String id = exercise.id();
            assertThat(exercise.hints(Lang.ZH)).as("Chinese hints of %s", id).hasSameSizeAs(exercise.hints(Lang.EN));
            List<String> chinese = new ArrayList<>(List.of(exercise.title(Lang.ZH), exercise.write(Lang.ZH),
                    exercise.article(Lang.ZH)));
            chinese.addAll(exercise.hints(Lang.ZH));
            for (String text : chinese) {
                assertThat(text.codePoints().anyMatch(Catalogue::isCjk)).as("%s's Chinese text has Chinese in it: %s", id, text)
                        .isTrue();
            }
            assertThat(chinesePage).as("docs/zh/exercises.md's row of %s", id)
                    .contains("| " + id + " | " + exercise.title(Lang.ZH) + " |");
            String heading = exercise.article(Lang.EN).split(": ", 2)[0];
            if (heading.codePoints().anyMatch(Catalogue::isCjk)) {
                assertThat(exercise.article(Lang.ZH)).as("%s's article.zh names the article's own heading", id)
                        .startsWith(heading);
            }
        }
        assertThat(catalogue.totalPoints()).as("the points of every exercise together").isEqualTo(100);
    }

    @Test
    void a_wrong_line_says_that_wrong_answers_are_code_now() {
        List<String> lines = new ArrayList<>(TWO_EXERCISES);
        lines.add(lines.indexOf("tests: a.ReadTest") + 1, "wrong: reads once");

        assertThatThrownBy(() -> Catalogue.parse(lines, "fixture")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classroom/answers/1.1/wrong-SLUG.answer");
    }

    @Test
    void an_unknown_id_is_an_error_that_lists_every_id() {
        Catalogue catalogue = Catalogue.parse(TWO_EXERCISES, "fixture");

        assertThatThrownBy(() -> catalogue.get("9.9"))
                .isInstanceOf(Catalogue.UnknownExercise.class)
                .hasMessageContaining("no exercise 9.9").hasMessageContaining("1.1, 1.2");
    }

    @Test
    void an_exercise_with_four_hints_or_a_need_that_comes_later_is_refused() {
        int second = TWO_EXERCISES.indexOf("exercise 1.2");
        List<String> first = TWO_EXERCISES.subList(TWO_EXERCISES.indexOf("exercise 1.1"), second);
        List<String> fourHints = new ArrayList<>(first);
        fourHints.add("hint: third");
        fourHints.add("hint: fourth");
        List<String> needsLater = new ArrayList<>(TWO_EXERCISES.subList(second, TWO_EXERCISES.size()));
        needsLater.addAll(first);

        assertThatThrownBy(() -> Catalogue.parse(fourHints, "fixture"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one to three hints, not 4");
        assertThatThrownBy(() -> Catalogue.parse(needsLater, "fixture"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.2 needs 1.1");
    }
}
