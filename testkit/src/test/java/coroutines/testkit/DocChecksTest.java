package coroutines.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The doc checker masks only what really differs between runs, and keeps the two editions in step. */
class DocChecksTest {

    @Test
    void masks_durations_ports_and_poll_counts_but_not_other_numbers() {
        assertThat(DocChecks.maskLine("4 of 4 hosts answered in 412 ms, client CPU 8 ms"))
                .isEqualTo("4 of 4 hosts answered in # ms, client CPU # ms");
        assertThat(DocChecks.maskLine("so1n.me failed: connection refused by 127.0.0.1:40123 (x)"))
                .isEqualTo("so1n.me failed: connection refused by 127.0.0.1:# (x)");
        assertThat(DocChecks.maskLine("github.com: 107,917 polls came back empty"))
                .isEqualTo("github.com: # polls came back empty");
        assertThat(DocChecks.maskLine("request so1n.me success, length:164")).isEqualTo("request so1n.me success, length:164");
        assertThat(DocChecks.maskLine("busy for 233 ms of its 457 ms (51 %); stages 3 to 5"))
                .isEqualTo("busy for # ms of its # ms (# %); stages 3 to 5");
    }

    @Test
    void compares_the_words_of_a_table_whatever_its_numbers_and_column_widths() {
        assertThat(DocChecks.maskLine("| stage1-blocking   | 1224 ms   | 2 |"))
                .isEqualTo(DocChecks.maskLine("| stage1-blocking | 998 ms | 2-3   |"))
                .isEqualTo("| stage#-blocking | # ms | # |");
        assertThat(DocChecks.maskLine("|-------|----|")).isEqualTo("|--|--|");
    }

    @Test
    void compares_that_a_host_was_read_not_how_many_reads_its_answer_took() {
        List<String> twoReads = List.of("recv so1n.me body success", "HTTP/1.1 301", "recv so1n.me body success");

        assertThat(DocChecks.onePerRead(twoReads)).containsExactly("recv so1n.me body success", "HTTP/1.1 301");
        assertThat(DocChecks.onePerRead(List.of("so1n.me connect success", "so1n.me connect success")))
                .as("only read lines are merged").hasSize(2);
    }

    @Test
    void makes_anchors_as_github_does() {
        assertThat(DocChecks.anchor("What you'll learn")).isEqualTo("what-youll-learn");
        assertThat(DocChecks.anchor("Stage 6: stage 1's code on virtual threads (JDK 21+)"))
                .isEqualTo("stage-6-stage-1s-code-on-virtual-threads-jdk-21");
        assertThat(DocChecks.anchor("Point the `stages` at real_hosts")).isEqualTo("point-the-stages-at-real_hosts");
    }

    @Test
    void keeps_only_how_a_timeline_lane_ends() {
        assertThat(DocChecks.maskLine("so1n.me     c---------r--rE")).isEqualTo("so1n.me [lane ending E]");
        assertThat(DocChecks.maskLine("baidu.com           c-----x")).isEqualTo("baidu.com [lane ending x]");
        assertThat(DocChecks.maskLine("so1n.me     cCs---r+rr+E")).isEqualTo("so1n.me [lane ending E]");
        assertThat(DocChecks.maskLine("timeline: 0 to 9 ms, one column = 0.1 ms (wider where events share one); r read, + more events in that column"))
                .isEqualTo("timeline: 0 to # ms, one column = # ms (wider where events share one); r read");
    }

    @Test
    void compares_the_line_numbers_of_the_projects_frames_but_not_the_lambda_numbers_each_javac_chooses() {
        assertThat(DocChecks.maskLine("\tat coroutines.tasks.HttpRequest.lambda$read$1(HttpRequest.java:78)"))
                .isEqualTo(DocChecks.maskLine("\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:78)"))
                .isEqualTo("\tat coroutines.tasks.HttpRequest.lambda$read$#(HttpRequest.java:78)")
                .isNotEqualTo(DocChecks.maskLine("\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:80)"));
        assertThat(DocChecks.maskFrames("|        at Generator.step (Generator.java:152)\n|        at (#8:1)"))
                .as("JShell's way of printing a frame").isEqualTo("|        at Generator.step (Generator.java:152)\n|        at (#8:1)");
        assertThat(DocChecks.maskFrames("|        at lambda$waitFuture$0 (#1:3)")).isEqualTo("|        at lambda$waitFuture$# (#1:3)");
    }

    @Test
    void masks_the_line_numbers_of_the_jdks_frames_which_differ_from_one_jdk_to_another() {
        assertThat(DocChecks.maskLine("\tat java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:161)"))
                .isEqualTo("\tat java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:#)");
        assertThat(DocChecks.maskFrames("|        at Objects.requireNonNull (Objects.java:209)"))
                .as("JShell prints no module: a file the project does not have is the JDK's")
                .isEqualTo("|        at Objects.requireNonNull (Objects.java:#)");
    }

    @Test
    void a_shown_trace_whose_line_numbers_the_code_no_longer_has_fails(@TempDir Path dir) throws IOException {
        String trace = "java.lang.IllegalStateException: a bug in read\n"
                + "\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:71)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n";
        Path page = Files.writeString(dir.resolve("page.md"), "<!-- output: traced -->\n```text\n" + trace + "```\n");

        assertThat(DocChecks.assertProgramOutputs(List.of(page), "traced", args -> trace.replace("Thread.java:840", "Thread.java:1583")))
                .as("the JDK's own line is another JDK's business").isEqualTo(1);
        assertThatThrownBy(() -> DocChecks.assertProgramOutputs(List.of(page), "traced",
                args -> trace.replace("HttpRequest.java:71", "HttpRequest.java:74")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("page.md:1 (output: traced) no longer matches what the program prints")
                .hasMessageContaining("HttpRequest.java:74");
    }

    @Test
    void an_update_takes_each_frames_line_number_from_what_the_program_prints_and_leaves_the_rest_as_shown() {
        String shown = "java.lang.IllegalStateException: a bug\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:150)\n"
                + "\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:71)\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:150)";
        String printed = "java.lang.IllegalStateException: a bug\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:157)\n"
                + "\tat coroutines.tasks.HttpRequest.lambda$read$1(HttpRequest.java:74)\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:158)\n";

        assertThat(DocChecks.withLineNumbersOf(printed, shown)).isEqualTo("java.lang.IllegalStateException: a bug\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:157)\n"
                + "\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:74)\n"
                + "\tat coroutines.generators.Generator.step(Generator.java:158)");
    }

    @Test
    void takes_the_inputs_after_the_prompts_of_a_transcript() {
        String transcript = "jshell> int x = 1\nx ==> 1\n\njshell> void f() {\n   ...> }\n|  created method f()\n";

        assertThat(DocChecks.inputsOf(transcript)).isEqualTo("int x = 1\nvoid f() {\n}\n");
    }

    @Test
    void a_transcript_typed_into_the_real_jshell_tool_reads_as_a_terminal_shows_it(@TempDir Path dir) throws IOException {
        Path startup = Files.writeString(dir.resolve("startup.jsh"), "System.out.println(\"loaded\");\n");

        String session = DocChecks.runJShell("int x = 1\nSystem.out.println(x + 1)\n", startup);

        assertThat(session).isEqualTo("jshell> int x = 1\nx ==> 1\n\njshell> System.out.println(x + 1)\n2\n\n");
    }

    @Test
    void makes_anchors_of_chinese_headings_as_github_does_dropping_their_punctuation() {
        assertThat(DocChecks.anchor("运行它，看时间线")).isEqualTo("运行它看时间线");
        assertThat(DocChecks.anchor("字节码，和文章的 dis 并排")).isEqualTo("字节码和文章的-dis-并排");
    }

    @Test
    void twins_with_the_same_checked_blocks_and_sections_are_in_step(@TempDir Path root) throws IOException {
        writeTwins(root, TWIN_EN, TWIN_ZH);

        assertThat(DocChecks.assertTwinsInStep(root)).isEqualTo(2);
    }

    @Test
    void a_page_without_its_twin_is_named(@TempDir Path root) throws IOException {
        writeTwins(root, TWIN_EN, TWIN_ZH);
        Files.writeString(root.resolve("docs/02-more.md"), "# More\n\nEnglish | [中文](zh/02-more.md)\n");

        assertThatThrownBy(() -> DocChecks.assertTwinsInStep(root))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("docs/02-more.md has no Chinese twin: write docs/zh/02-more.md");
    }

    /** Twins out of step, each with the message that says what to fix. */
    static Stream<Arguments> twins_out_of_step() {
        return Stream.of(
                Arguments.of("a checked block that differs", TWIN_EN, TWIN_ZH.replace("$1 ==> 2", "$1 ==> 3"),
                        "checked block 1 differs: docs/01-one.md:11 (jshell: stage1-blocking) and docs/zh/01-one.md:11"),
                Arguments.of("a checked block only one edition has",
                        TWIN_EN + "\n<!-- output: stage1-blocking -->\n```text\n4 of 4 hosts answered\n```\n", TWIN_ZH,
                        "checked block 2 is only in docs/01-one.md:19 (output: stage1-blocking)"),
                Arguments.of("other sections", TWIN_EN, TWIN_ZH.replace("## 会话", "### 会话"),
                        "different sections (heading levels in order): [1, 2, 2] and [1, 2, 3]"),
                Arguments.of("no link to the twin at the top", TWIN_EN.replace("English | [中文](zh/01-one.md)", "English"), TWIN_ZH,
                        "docs/01-one.md does not link to its twin docs/zh/01-one.md in its first 5 lines"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins_out_of_step")
    void twins_out_of_step_fail_with_what_differs(String what, String english, String chinese, String message, @TempDir Path root)
            throws IOException {
        writeTwins(root, english, chinese);

        assertThatThrownBy(() -> DocChecks.assertTwinsInStep(root))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(message);
    }

    /** A page with a heading in a code block, which is not a section, and one checked session. */
    private static final String TWIN_EN = """
            # One

            English | [中文](zh/01-one.md)

            ## Run

            ```sh
            # not a heading
            ```

            <!-- jshell: stage1-blocking -->
            ```jshell
            jshell> 1 + 1
            $1 ==> 2
            ```

            ## Session
            """;

    private static final String TWIN_ZH = TWIN_EN.replace("# One", "# 一").replace("English | [中文](zh/01-one.md)", "[English](../01-one.md) | 中文")
            .replace("## Run", "## 运行").replace("## Session", "## 会话");

    private static void writeTwins(Path root, String english, String chinese) throws IOException {
        Files.createDirectories(root.resolve("docs/zh"));
        Files.writeString(root.resolve("README.md"), "# Root\n\nEnglish | [中文](README.zh.md)\n");
        Files.writeString(root.resolve("README.zh.md"), "# 根\n\n[English](README.md) | 中文\n");
        Files.writeString(root.resolve("docs/01-one.md"), english);
        Files.writeString(root.resolve("docs/zh/01-one.md"), chinese);
    }
}
