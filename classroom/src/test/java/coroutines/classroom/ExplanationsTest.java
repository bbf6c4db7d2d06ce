package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a student reads for each kind of failure: who is to blame, and where to look. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExplanationsTest {

    private static final String STUDENT_THREW = """
            java.lang.IllegalStateException: no bytes
            \tat coroutines.polling.PollingClient$Request.pollRead(PollingClient.java:171)
            \tat coroutines.polling.PollOnceExercises.pollUntilDone(PollOnceExercises.java:20)
            \tat coroutines.polling.PollReadExerciseTest.reads(PollReadExerciseTest.java:40)
            """;

    @Test
    void an_exception_from_the_students_code_names_their_line() {
        String text = Explanations.explain("java.lang.IllegalStateException", "no bytes", STUDENT_THREW);

        assertThat(text).startsWith("your code threw IllegalStateException: no bytes")
                .contains("at coroutines.polling.PollingClient$Request.pollRead(PollingClient.java:171)");
    }

    @Test
    void an_exception_of_the_tests_own_is_named_as_the_tests() {
        String trace = """
                java.lang.NullPointerException
                \tat coroutines.tasks.TaskStepExerciseTest.steps(TaskStepExerciseTest.java:88)
                """;

        String text = Explanations.explain("java.lang.NullPointerException", null, trace);

        assertThat(text).startsWith("the test itself stopped on NullPointerException").doesNotContain("your code threw");
    }

    @Test
    void a_call_the_test_bed_refused_names_the_test_bed_and_the_students_caller() {
        String trace = """
                java.lang.IllegalArgumentException: length 5000 is more than the chunk holds
                \tat coroutines.testbed.StageRun.read(StageRun.java:300)
                \tat coroutines.blocking.BlockingClient.readUntilClosed(BlockingClient.java:95)
                \tat coroutines.blocking.ReadUntilClosedExerciseTest.reads(ReadUntilClosedExerciseTest.java:50)
                """;

        String text = Explanations.explain("java.lang.IllegalArgumentException", "length 5000 is more than the chunk holds", trace);

        assertThat(text).startsWith("the test bed refused a call: IllegalArgumentException")
                .contains("in coroutines.testbed.StageRun.read(StageRun.java:300)")
                .contains("called by your code at coroutines.blocking.BlockingClient.readUntilClosed(BlockingClient.java:95)");
    }

    @Test
    void an_assertj_multiple_failures_error_is_an_assertion_not_a_throw() {
        String text = Explanations.explain("org.assertj.core.error.MultipleAssertionsError", "Multiple Failures (2 failures)", "");

        assertThat(text).isEqualTo("Multiple Failures (2 failures)");
    }

    @Test
    void a_test_that_never_finished_says_so() {
        String text = Explanations.explain("java.util.concurrent.TimeoutException", "sends() timed out after 10 seconds", "");

        assertThat(text).startsWith("did not finish: a wait nothing wakes, or a loop that never ends")
                .contains("timed out after 10 seconds");
    }

    @Test
    void a_stub_reached_names_its_exercise() {
        String message = "exercise 2.2 is not done yet: write it";

        assertThat(Explanations.explain("java.lang.UnsupportedOperationException", message, "")).contains("exercise 2.2");
        assertThat(Explanations.stubReached(message, "")).isEqualTo("2.2");
    }

    @Test
    void a_character_xml_cannot_hold_is_shown_escaped() {
        assertThat(Explanations.unescapeXml("expected \"a&#0;b\" and &#13;&#10;")).isEqualTo("expected \"a\\x00b\" and \\r\\n");
    }

    @Test
    void in_chinese_the_words_around_the_tests_own_message_are_chinese() {
        assertThat(Explanations.explain("java.lang.IllegalStateException", "no bytes", STUDENT_THREW, Lang.ZH))
                .startsWith("你的代码抛出了 IllegalStateException: no bytes")
                .contains("at coroutines.polling.PollingClient$Request.pollRead(PollingClient.java:171)");
        assertThat(Explanations.explain("java.util.concurrent.TimeoutException", "sends() timed out after 10 seconds", "", Lang.ZH))
                .isEqualTo("没有结束：一次没有任何东西唤醒的等待，或者一个永不结束的循环（sends() timed out after 10 seconds）");
        assertThat(Explanations.explain("java.lang.UnsupportedOperationException", "exercise 2.2 is not done yet: write it", "", Lang.ZH))
                .startsWith("代码仍然抛出练习 2.2 的桩");
        assertThat(Explanations.explain("org.opentest4j.AssertionFailedError", "expected 3 reads", "", Lang.ZH))
                .as("an assertion's message, as the test wrote it").isEqualTo("expected 3 reads");
        assertThat(Explanations.explain("java.lang.IllegalStateException", "no bytes", STUDENT_THREW, Lang.EN))
                .isEqualTo(Explanations.explain("java.lang.IllegalStateException", "no bytes", STUDENT_THREW));
    }
}
