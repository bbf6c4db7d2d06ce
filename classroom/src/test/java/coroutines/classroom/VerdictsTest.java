package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What ./run check prints, in English as before and in Chinese with the catalogue's Chinese. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VerdictsTest {

    private final Catalogue catalogue = Catalogue.parse(CatalogueTest.TWO_EXERCISES, "fixture");
    private final Catalogue.Exercise second = catalogue.get("1.2");

    private Checker.Result waitingForTheFirst() {
        return new Checker.Result(second, Checker.State.WAITS_FOR, 2, List.of(
                new Checker.Failure("sends the request", "the code still throws the stub of exercise 1.1", "1.1")), null);
    }

    @Test
    void a_failure_that_reached_another_stub_names_it_by_its_title_in_english() {
        String text = Verdicts.of(waitingForTheFirst(), catalogue);

        assertThat(text).startsWith("Waits for exercise 1.1: 1 of 2 tests fail.")
                .contains("\n  x sends the request\n      the code still throws")
                .endsWith("\nThis exercise runs the code of exercise 1.1, \"Read it\", which is still its stub:"
                        + " do 1.1 first (./run check 1.1).");
    }

    @Test
    void in_chinese_it_uses_the_chinese_state_words_and_the_chinese_title() {
        String text = Verdicts.of(waitingForTheFirst(), catalogue, Lang.ZH);

        assertThat(text).startsWith("等待练习 1.1：2 个测试中有 1 个没通过。")
                .contains(Messages.stateWords(Checker.State.WAITS_FOR, Lang.ZH))
                .contains("“读它”").contains("先做 1.1").doesNotContain("Read it");
        assertThat(Messages.words(waitingForTheFirst(), Lang.ZH)).isEqualTo("等待 1.1");
        assertThat(Messages.words(waitingForTheFirst(), Lang.EN)).isEqualTo(waitingForTheFirst().words());
    }

    @Test
    void not_started_says_what_to_write_and_the_article_in_the_students_language() {
        Checker.Result result = new Checker.Result(catalogue.get("1.1"), Checker.State.NOT_STARTED, 0, List.of(), "the stub is there");

        assertThat(Verdicts.of(result, catalogue)).isEqualTo("Not started: the stub is there.\n"
                + "What to write, in A.java, A.read:\n  the loop that reads\nThe article: section 1");
        assertThat(Verdicts.of(result, catalogue, Lang.ZH)).isEqualTo("还没开始：the stub is there。\n"
                + "要写的，在 A.java, A.read：\n  读取的那个循环\n文章：第 1 节")
                .contains(Messages.stateWords(Checker.State.NOT_STARTED, Lang.ZH));
    }

    @Test
    void every_state_renders_in_both_languages_and_chinese_ones_say_their_state_words() {
        for (Checker.State state : Checker.State.values()) {
            Checker.Result result = switch (state) {
                case WAITS_FOR -> waitingForTheFirst();
                case FAILING -> new Checker.Result(second, state, 3, List.of(new Checker.Failure("a test", "why", null)), null);
                case DONE -> new Checker.Result(second, state, 3, List.of(), null);
                default -> new Checker.Result(second, state, 0, List.of(), "some detail\nover two lines");
            };
            String english = Verdicts.of(result, catalogue, Lang.EN);
            String chinese = Verdicts.of(result, catalogue, Lang.ZH);

            assertThat(english).as("English verdict of %s", state).isEqualTo(Verdicts.of(result, catalogue)).isNotBlank();
            assertThat(chinese.codePoints().anyMatch(Catalogue::isCjk)).as("Chinese verdict of %s: %s", state, chinese).isTrue();
        }
        Checker.Result done = new Checker.Result(second, Checker.State.DONE, 3, List.of(), null);
        assertThat(Verdicts.of(done, catalogue)).isEqualTo("Passed: all 3 tests pass. Exercise 1.2 is done.");
        assertThat(Verdicts.of(done, catalogue, Lang.ZH)).contains(Messages.stateWords(Checker.State.DONE, Lang.ZH));
        Checker.Result failing = new Checker.Result(second, Checker.State.FAILING, 3, List.of(new Checker.Failure("a test", "why", null)), null);
        assertThat(Verdicts.of(failing, catalogue, Lang.ZH)).startsWith("没通过：3 个测试中有 1 个没通过。")
                .contains(Messages.stateWords(Checker.State.FAILING, Lang.ZH));
    }
}
