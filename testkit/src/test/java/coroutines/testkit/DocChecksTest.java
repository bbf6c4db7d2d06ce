package coroutines.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doc checker masks only what really differs between runs. */
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
    }

    @Test
    void compares_stack_frames_without_the_line_numbers_that_any_edit_moves_or_the_lambda_numbers_each_javac_chooses() {
        assertThat(DocChecks.maskFrames("|        at Generator.step (Generator.java:152)\n|        at (#8:1)"))
                .isEqualTo("|        at Generator.step (Generator.java:#)\n|        at (#8:1)");
        assertThat(DocChecks.maskLine("\tat coroutines.tasks.HttpRequest.lambda$read$1(HttpRequest.java:78)"))
                .isEqualTo(DocChecks.maskLine("\tat coroutines.tasks.HttpRequest.lambda$read$0(HttpRequest.java:80)"))
                .isEqualTo("\tat coroutines.tasks.HttpRequest.lambda$read$#(HttpRequest.java:#)");
        assertThat(DocChecks.maskFrames("|        at lambda$waitFuture$0 (#1:3)")).isEqualTo("|        at lambda$waitFuture$# (#1:3)");
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
}
