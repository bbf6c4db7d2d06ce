package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The answer files' format, and the errors a teacher gets for a bad one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnswersTest {

    @Test
    void reads_the_description_the_kind_and_each_region() {
        Answers.Answer answer = Answers.parse("1.3", Path.of("wrong-one-try.answer"), List.of(
                "# one try around the whole loop",
                "# caught by: a_failing_host_does_not_stop_the_others",
                "--- region 1",
                "        try {",
                "        } catch (IOException e) { }",
                "--- region 2",
                "        request(target, run);"));

        assertThat(answer.kind()).isEqualTo(Answers.Kind.WRONG);
        assertThat(answer.name()).isEqualTo("wrong-one-try");
        assertThat(answer.description()).isEqualTo("one try around the whole loop");
        assertThat(answer.notCaught()).isNull();
        assertThat(answer.mustPass()).isFalse();
        assertThat(answer.regions().get(1)).containsExactly("        try {", "        } catch (IOException e) { }");
        assertThat(answer.regions().get(2)).containsExactly("        request(target, run);");
    }

    @Test
    void a_wrong_answer_the_tests_cannot_catch_must_pass_and_says_why() {
        Answers.Answer answer = Answers.parse("3.3", Path.of("wrong-ignores-finish-connect.answer"), List.of(
                "# finishConnect's false ignored", "# not caught: a loopback connect is done at once", "--- region 1", "x();"));

        assertThat(answer.notCaught()).isEqualTo("a loopback connect is done at once");
        assertThat(answer.mustPass()).isTrue();
    }

    @Test
    void a_right_answer_must_pass() {
        Answers.Answer answer = Answers.parse("1.1", Path.of("right-do-while.answer"), List.of("# a do-while", "--- region 1", "x();"));

        assertThat(answer.kind()).isEqualTo(Answers.Kind.RIGHT);
        assertThat(answer.mustPass()).isTrue();
    }

    @Test
    void a_bad_file_is_refused_with_what_to_write() {
        assertThatThrownBy(() -> Answers.parse("1.1", Path.of("maybe-x.answer"), List.of("# x", "--- region 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong- or right-");
        assertThatThrownBy(() -> Answers.parse("1.1", Path.of("wrong-x.answer"), List.of("# x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--- region N");
        assertThatThrownBy(() -> Answers.parse("1.1", Path.of("wrong-x.answer"), List.of("--- region 1", "x();")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first line says what the answer does");
        assertThatThrownBy(() -> Answers.parse("1.1", Path.of("wrong-x.answer"), List.of("# x", "--- region one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong-x.answer:2");
        assertThatThrownBy(() -> Answers.parse("1.1", Path.of("right-x.answer"), List.of("# x", "# not caught: y", "--- region 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong answers only");
    }
}
