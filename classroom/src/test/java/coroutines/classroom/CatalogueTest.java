package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catalogue's format on a small fixture, and the errors a teacher gets for a bad entry. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CatalogueTest {

    static final List<String> TWO_EXERCISES = List.of(
            "# a comment",
            "exercise 1.1",
            "title: Read it",
            "module: stage1",
            "where: A.java, A.read",
            "write: the loop",
            "  that reads",
            "article: section 1",
            "hint: first",
            "hint: second",
            "tests: a.ReadTest",
            "",
            "exercise 1.2",
            "title: Send it",
            "module: stage1",
            "where: A.java",
            "write: the send",
            "article: section 1",
            "hint: only",
            "tests: a.SendTest, a.MoreTest",
            "needs: 1.1");

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
