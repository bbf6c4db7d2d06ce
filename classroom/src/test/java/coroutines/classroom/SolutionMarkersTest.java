package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The marker format on small fixtures: what a student copy keeps, what it replaces, what it refuses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SolutionMarkersTest {

    private static final List<String> JAVA = List.of(
            "class Reader {",
            "    int read() {",
            "        // BEGIN SOLUTION 1.1",
            "        // STUB throw new UnsupportedOperationException(\"exercise 1.1 is not done yet: read it\");",
            "        int answer = 42;",
            "        return answer;",
            "        // END SOLUTION 1.1",
            "    }",
            "}");

    @Test
    void a_stubbed_region_becomes_its_stub_between_two_lines_that_name_the_exercise_indented_as_the_marker() {
        List<String> copy = SolutionMarkers.transform(JAVA, SolutionMarkers.Syntax.CODE, "Reader.java", Set.of("1.1"), id -> "Read it");

        assertThat(copy).hasSize(7).startsWith("class Reader {", "    int read() {").endsWith("    }", "}");
        assertThat(copy.get(2)).startsWith("        // BEGIN EXERCISE 1.1: Read it.").contains("./run check 1.1");
        assertThat(copy.get(3)).isEqualTo("        throw new UnsupportedOperationException(\"exercise 1.1 is not done yet: read it\");");
        assertThat(copy.get(4)).startsWith("        // END EXERCISE 1.1").contains("graded");
        assertThat(String.join("\n", copy)).doesNotContain("SOLUTION").doesNotContain("42");
    }

    @Test
    void the_bounds_a_copy_keeps_give_back_the_code_between_them() {
        List<String> copy = new java.util.ArrayList<>(
                SolutionMarkers.transform(JAVA, SolutionMarkers.Syntax.CODE, "Reader.java", Set.of("1.1"), id -> "Read it"));
        copy.set(3, "        return 7;");
        copy.add(4, "        // a student's comment");

        SolutionMarkers.Bounds bounds = SolutionMarkers.bounds(copy);

        assertThat(bounds.broken()).isEmpty();
        assertThat(bounds.regions()).singleElement().satisfies(region -> {
            assertThat(region.id()).isEqualTo("1.1");
            assertThat(region.body()).containsExactly("        return 7;", "        // a student's comment");
        });
    }

    @Test
    void a_deleted_bound_spoils_only_its_own_exercise() {
        List<String> lines = List.of(
                "// BEGIN EXERCISE 1.1: Read it. Write it here.", "return 1;",
                "// BEGIN EXERCISE 1.2: Send it. Write it here.", "return 2;", "// END EXERCISE 1.2. Only this is graded.",
                "// END EXERCISE 1.3. Only this is graded.");

        SolutionMarkers.Bounds bounds = SolutionMarkers.bounds(lines);

        assertThat(bounds.regions()).extracting(SolutionMarkers.Bounded::id).containsExactly("1.2");
        assertThat(bounds.regions().get(0).body()).containsExactly("return 2;");
        assertThat(bounds.broken()).containsOnlyKeys("1.1", "1.3");
        assertThat(bounds.broken().get("1.1")).contains("line 1");
        assertThat(bounds.broken().get("1.3")).contains("line 6");
    }

    @Test
    void a_region_not_stubbed_keeps_the_reference_code_without_its_markers_or_stub() {
        List<String> copy = SolutionMarkers.transform(JAVA, SolutionMarkers.Syntax.CODE, "Reader.java", Set.of(), id -> "Read it");

        assertThat(copy).containsExactly("class Reader {", "    int read() {", "        int answer = 42;",
                "        return answer;", "    }", "}");
    }

    @Test
    void a_markdown_passage_that_shows_a_solution_is_replaced_by_a_line_saying_so() {
        List<String> doc = List.of("Before.", "<!-- BEGIN SOLUTION 1.1 -->", "int answer = 42;", "<!-- END SOLUTION 1.1 -->", "After.");

        List<String> copy = SolutionMarkers.transform(doc, SolutionMarkers.Syntax.MARKDOWN, "README.md", Set.of("1.1"), id -> "Read it");

        assertThat(copy).hasSize(3).startsWith("Before.").endsWith("After.");
        assertThat(copy.get(1)).contains("exercise 1.1").doesNotContain("42");
    }

    @Test
    void a_page_of_the_chinese_edition_says_so_in_chinese() {
        List<String> doc = List.of("之前。", "<!-- BEGIN SOLUTION 5.4 -->", "int answer = 42;", "<!-- END SOLUTION 5.4 -->", "之后。");

        List<String> copy = SolutionMarkers.transform(doc, SolutionMarkers.Syntax.MARKDOWN, "docs/zh/05-tasks-futures.md",
                Set.of("5.4"), id -> "Read it");

        assertThat(copy).hasSize(3);
        assertThat(copy.get(1)).contains("学生副本里略去了这一段", "练习 5.4", "docs/zh/exercises.md").doesNotContain("42", "Left out");
    }

    @Test
    void the_same_words_inside_a_sentence_or_a_string_are_not_a_marker() {
        List<String> lines = List.of("String s = \"// BEGIN SOLUTION 9.9\";", "Write `// BEGIN SOLUTION 3.2` above it.");

        assertThat(SolutionMarkers.regions(lines, SolutionMarkers.Syntax.CODE, "A.java")).isEmpty();
    }

    @Test
    void a_region_without_a_stub_that_throws_the_exercises_not_done_yet_is_refused() {
        List<String> lines = List.of("// BEGIN SOLUTION 2.1", "return 1;", "// END SOLUTION 2.1");

        assertThatThrownBy(() -> SolutionMarkers.regions(lines, SolutionMarkers.Syntax.CODE, "A.java"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A.java:1").hasMessageContaining("needs a stub");
    }

    @Test
    void an_end_that_names_another_exercise_and_a_begin_never_ended_are_refused_with_their_line() {
        List<String> crossed = List.of("// BEGIN SOLUTION 2.1",
                "// STUB throw new UnsupportedOperationException(\"exercise 2.1 is not done yet: x\");", "// END SOLUTION 2.2");
        List<String> open = List.of("x", "// BEGIN SOLUTION 2.1");

        assertThatThrownBy(() -> SolutionMarkers.regions(crossed, SolutionMarkers.Syntax.CODE, "A.java"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A.java:3").hasMessageContaining("2.1");
        assertThatThrownBy(() -> SolutionMarkers.regions(open, SolutionMarkers.Syntax.CODE, "A.java"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A.java:2").hasMessageContaining("never ended");
    }
}
