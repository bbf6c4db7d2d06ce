package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Taking a student's exercise code out of their copy, and naming what else they changed, on a small fixture. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransplantTest {

    private static final String CODE = "stage1/src/main/java/A.java";

    @TempDir
    Path reference;

    @TempDir
    Path elsewhere;

    private Catalogue catalogue;
    private Transplant transplant;
    private Path student;

    @BeforeEach
    void a_student_copy_of_a_reference_with_two_exercises() throws IOException {
        Files.createDirectories(reference.resolve("classroom"));
        Files.write(reference.resolve(Catalogue.FILE), CatalogueTest.TWO_EXERCISES);
        Files.createDirectories(reference.resolve("stage1/src/main/java"));
        Files.write(reference.resolve(CODE), List.of(
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
        Files.write(reference.resolve("README.md"), List.of("# A", "Read the code."));
        catalogue = Catalogue.read(reference);
        StudentCopy copies = new StudentCopy(reference, catalogue);
        transplant = new Transplant(copies.render(Set.of("1.1", "1.2")));
        student = elsewhere.resolve("alice");
        copies.write(student, Set.of("1.1", "1.2"));
    }

    @Test
    void takes_the_code_between_the_bounds_and_nothing_else() throws IOException {
        write(1, "        int answer = 6 * 7;", "        return answer;");

        Transplant.Taken taken = transplant.take(student, catalogue);

        assertThat(taken.problems()).isEmpty();
        assertThat(taken.answers().get("1.1").regions().get(1)).containsExactly("        int answer = 6 * 7;", "        return answer;");
        assertThat(ClassGrader.stubStillIn(catalogue.get("1.1"), taken.answers().get("1.1"))).isFalse();
        assertThat(ClassGrader.stubStillIn(catalogue.get("1.2"), taken.answers().get("1.2"))).as("1.2, left a stub").isTrue();
        assertThat(taken.ignored()).as("a change inside a region is the exercise, not an edit to name").isEmpty();
    }

    @Test
    void an_exercise_of_two_regions_in_one_file_has_each_body_in_its_place() throws IOException {
        List<String> code = new ArrayList<>(Files.readAllLines(reference.resolve(CODE)));
        code.addAll(code.size() - 1, List.of("    int again() {", "        // BEGIN SOLUTION 1.2",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.2 is not done yet: again\");",
                "        return sendItAgainLater();", "        // END SOLUTION 1.2", "    }"));
        Files.write(reference.resolve(CODE), code);
        StudentCopy copies = new StudentCopy(reference, catalogue);
        transplant = new Transplant(copies.render(Set.of("1.1", "1.2")));
        Proof.deleteTree(student);
        copies.write(student, Set.of("1.1", "1.2"));
        write(2, "        return 2;");
        write(3, "        return 3;");

        Transplant.Taken taken = transplant.take(student, catalogue);

        assertThat(taken.answers().get("1.2").regions()).containsOnlyKeys(1, 2);
        assertThat(taken.answers().get("1.2").regions().get(1)).containsExactly("        return 2;");
        assertThat(taken.answers().get("1.2").regions().get(2)).containsExactly("        return 3;");
    }

    @Test
    void an_exercise_whose_markers_were_deleted_is_a_problem_and_the_other_is_still_taken() throws IOException {
        write(2, "        return 2;");
        List<String> lines = new ArrayList<>(Files.readAllLines(student.resolve(CODE)));
        lines.removeIf(line -> line.strip().startsWith("// END EXERCISE 1.1"));
        Files.write(student.resolve(CODE), lines);

        Transplant.Taken taken = transplant.take(student, catalogue);

        assertThat(taken.problems()).containsOnlyKeys("1.1");
        assertThat(taken.problems().get("1.1")).contains("markers").contains(CODE);
        assertThat(taken.answers()).containsOnlyKeys("1.2");
        assertThat(taken.answers().get("1.2").regions().get(1)).containsExactly("        return 2;");
    }

    @Test
    void a_renamed_file_is_a_problem_for_its_exercises_and_both_names_are_listed() throws IOException {
        Files.move(student.resolve(CODE), student.resolve("stage1/src/main/java/B.java"));

        Transplant.Taken taken = transplant.take(student, catalogue);

        assertThat(taken.problems()).containsOnlyKeys("1.1", "1.2");
        assertThat(taken.problems().get("1.1")).contains("missing or renamed").contains(CODE);
        assertThat(taken.ignored()).containsExactly(
                new Transplant.Ignored(CODE, Transplant.Change.DELETED),
                new Transplant.Ignored("stage1/src/main/java/B.java", Transplant.Change.ADDED));
    }

    @Test
    void names_every_change_outside_the_regions_as_not_graded() throws IOException {
        Files.writeString(student.resolve("README.md"), "# Mine\n");
        List<String> lines = new ArrayList<>(Files.readAllLines(student.resolve(CODE)));
        lines.add(0, "import java.util.List;");
        Files.write(student.resolve(CODE), lines);
        Files.writeString(student.resolve("stage1/pom.xml"), "<project/>\n");

        Transplant.Taken taken = transplant.take(student, catalogue);

        assertThat(taken.ignored()).containsExactlyInAnyOrder(
                new Transplant.Ignored("README.md", Transplant.Change.CHANGED),
                new Transplant.Ignored(CODE, Transplant.Change.CHANGED),
                new Transplant.Ignored("stage1/pom.xml", Transplant.Change.ADDED));
        assertThat(taken.problems()).isEmpty();
    }

    @Test
    void build_output_version_control_and_editor_files_are_not_named_nor_are_line_endings() throws IOException {
        for (String file : List.of("stage1/target/classes/A.class", ".git/HEAD", ".idea/workspace.xml", ".vscode/settings.json",
                "stage1/stage1.iml", ".DS_Store", ".classroom/hints-seen.properties", "stage1/src/.DS_Store")) {
            Files.createDirectories(student.resolve(file).getParent());
            Files.writeString(student.resolve(file), "x");
        }
        String readme = Files.readString(student.resolve("README.md"));
        Files.writeString(student.resolve("README.md"), readme.replace("\n", "\r\n"), StandardCharsets.UTF_8);

        assertThat(transplant.take(student, catalogue).ignored()).isEmpty();
    }

    @Test
    void a_directory_that_is_not_a_copy_is_said_to_be_none() throws IOException {
        Path notes = Files.createDirectories(elsewhere.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "hand in the exercises");

        assertThat(transplant.looksLikeCopy(notes)).isFalse();
        assertThatThrownBy(() -> transplant.take(notes, catalogue)).isInstanceOf(Transplant.NotACopy.class);
    }

    @Test
    void the_graded_copy_keeps_the_bounds_so_its_line_numbers_are_the_students() throws IOException {
        write(1, "        return 42;");
        Transplant.Taken taken = transplant.take(student, catalogue);

        Map<Path, byte[]> graded = new StudentCopy(reference, catalogue).render(Set.of(), taken.answers(), true);

        assertThat(new String(graded.get(Path.of(CODE)), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(student.resolve(CODE)));
    }

    /** Writes the body of the n-th exercise region of A.java, as a student would. */
    private void write(int region, String... body) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(student.resolve(CODE)));
        SolutionMarkers.Bounded bounded = SolutionMarkers.bounds(lines).regions().get(region - 1);
        List<String> between = lines.subList(bounded.beginLine(), bounded.endLine() - 1);
        between.clear();
        between.addAll(List.of(body));
        Files.write(student.resolve(CODE), lines);
    }
}
