package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The student copy of a small fixture repository: what is stubbed, what is refused, what is caught. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StudentCopyTest {

    @TempDir
    Path reference;

    @TempDir
    Path elsewhere;

    private Catalogue catalogue;

    @BeforeEach
    void a_reference_with_one_exercise_in_code_and_its_answer_quoted_in_a_doc() throws IOException {
        Files.createDirectories(reference.resolve("classroom"));
        Files.write(reference.resolve(Catalogue.FILE), CatalogueTest.TWO_EXERCISES);
        Files.createDirectories(reference.resolve("stage1/src/main/java"));
        Files.write(reference.resolve("stage1/src/main/java/A.java"), List.of(
                "class A {",
                "    int read() {",
                "        // BEGIN SOLUTION 1.1",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.1 is not done yet: read it\");",
                "        return computeTheAnswerCarefully();",
                "        // END SOLUTION 1.1",
                "    }",
                "    int send() {",
                "        // BEGIN SOLUTION 1.2",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.2 is not done yet: send it\");",
                "        return sendEveryByteThatIsLeft();",
                "        // END SOLUTION 1.2",
                "    }",
                "}"));
        Files.write(reference.resolve("README.md"), List.of("# A", "<!-- BEGIN SOLUTION 1.1 -->",
                "    return computeTheAnswerCarefully();", "<!-- END SOLUTION 1.1 -->"));
        Files.createDirectories(reference.resolve("stage1/target"));
        Files.write(reference.resolve("stage1/target/A.class"), List.of("computeTheAnswerCarefully"));
        catalogue = Catalogue.read(reference);
    }

    @Test
    void stubs_every_exercise_and_leaves_no_solution_line_no_marker_and_no_build_output() throws IOException {
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(reference, catalogue).write(copy, Set.of("1.1", "1.2"));

        String code = Files.readString(copy.resolve("stage1/src/main/java/A.java"));
        assertThat(code).contains("throw new UnsupportedOperationException(\"exercise 1.1 is not done yet: read it\");")
                .contains("exercise 1.2 is not done yet").doesNotContain("computeTheAnswerCarefully")
                .doesNotContain("SOLUTION").doesNotContain("// STUB");
        assertThat(SolutionMarkers.bounds(code.lines().toList()).regions()).as("the bounds the grader finds, in order")
                .extracting(SolutionMarkers.Bounded::id).containsExactly("1.1", "1.2");
        assertThat(Files.readString(copy.resolve("README.md"))).doesNotContain("computeTheAnswerCarefully").contains("exercise 1.1");
        assertThat(copy.resolve("stage1/target")).doesNotExist();
        assertThat(Files.readString(copy.resolve(Catalogue.FILE))).contains("hint: first");
    }

    @Test
    void stubs_only_the_exercises_asked_for() throws IOException {
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(reference, catalogue).write(copy, Set.of("1.2"));

        assertThat(Files.readString(copy.resolve("stage1/src/main/java/A.java")))
                .contains("return computeTheAnswerCarefully();").contains("exercise 1.2 is not done yet")
                .doesNotContain("sendEveryByteThatIsLeft");
    }

    @Test
    void refuses_a_directory_that_is_not_empty_and_touches_nothing_in_it() throws IOException {
        Path mine = Files.write(elsewhere.resolve("notes.txt"), List.of("my notes"));

        assertThatThrownBy(() -> new StudentCopy(reference, catalogue).write(elsewhere, Set.of("1.1", "1.2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an empty directory")
                .hasMessageContaining("nothing was written");
        try (var entries = Files.list(elsewhere)) {
            assertThat(entries).containsExactly(mine);
        }
        assertThat(Files.readAllLines(mine)).containsExactly("my notes");
    }

    @Test
    void refuses_a_copy_in_which_a_doc_quotes_a_solution_line_outside_the_markers() throws IOException {
        Files.write(reference.resolve("NOTES.md"), List.of("The answer:", "", "    return computeTheAnswerCarefully();"));

        assertThatThrownBy(() -> new StudentCopy(reference, catalogue).write(elsewhere.resolve("copy"), Set.of("1.1", "1.2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("still shows solution text")
                .hasMessageContaining("NOTES.md:3");
    }

    @Test
    void refuses_an_exercise_in_the_catalogue_that_no_code_marks() throws IOException {
        Files.write(reference.resolve("stage1/src/main/java/A.java"), List.of("class A {}"));

        assertThatThrownBy(() -> new StudentCopy(reference, catalogue).write(elsewhere.resolve("copy"), Set.of("1.1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exercise 1.1 is in");
    }

    @Test
    void leaves_the_teachers_answers_out_of_every_copy() throws IOException {
        Path answers = Files.createDirectories(reference.resolve(Answers.DIRECTORY + "/1.1"));
        Files.write(answers.resolve("wrong-reads-once.answer"), List.of("# reads once", "--- region 1", "return readOnceOnly();"));
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(reference, catalogue).write(copy, Set.of("1.1", "1.2"));

        assertThat(copy.resolve(Answers.DIRECTORY)).doesNotExist();
    }

    @Test
    void writes_an_answer_in_place_of_the_reference_and_stubs_the_rest() throws IOException {
        Answers.Answer answer = Answers.parse("1.1", Path.of("right-other.answer"),
                List.of("# another shape", "--- region 1", "        return readItAnotherWay();"));
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(reference, catalogue).write(copy, Set.of("1.2"), java.util.Map.of("1.1", answer));

        assertThat(Files.readString(copy.resolve("stage1/src/main/java/A.java")))
                .contains("return readItAnotherWay();").doesNotContain("computeTheAnswerCarefully")
                .contains("exercise 1.2 is not done yet");
        assertThat(Files.readString(copy.resolve("README.md"))).as("a page leaves out what shows how the reference wrote it")
                .doesNotContain("computeTheAnswerCarefully").contains("exercise 1.1");
    }

    @Test
    void a_line_that_a_region_left_solved_shares_with_a_stubbed_one_is_not_a_leak() throws IOException {
        Path code = reference.resolve("stage1/src/main/java/B.java");
        Files.write(code, List.of("class B {", "    int again() {", "        // BEGIN SOLUTION 1.2",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.2 is not done yet: send it\");",
                "        return computeTheAnswerCarefully();", "        // END SOLUTION 1.2", "    }", "}"));
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(reference, catalogue).write(copy, Set.of("1.1"));

        assertThat(Files.readString(copy.resolve("stage1/src/main/java/B.java"))).contains("return computeTheAnswerCarefully();");
    }
}
