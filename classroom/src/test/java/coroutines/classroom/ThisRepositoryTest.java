package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * This repository's own catalogue and markers: every exercise has its module, its tagged tests
 * and its marked code, and a student copy made from here holds no solution text.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThisRepositoryTest {

    /** Tests run with the module as working directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void every_exercise_has_its_module_and_tests_tagged_with_its_id() throws IOException {
        Catalogue catalogue = Catalogue.read(ROOT);

        assertThat(catalogue.exercises().size()).as("exercises in the catalogue").isGreaterThanOrEqualTo(18);
        String studentsPage = Files.readString(ROOT.resolve("docs/exercises.md"));
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            assertThat(studentsPage).as("docs/exercises.md's row of %s", exercise.id())
                    .contains("| " + exercise.id() + " | " + exercise.title() + " |");
            assertThat(ROOT.resolve(exercise.module()).resolve("pom.xml")).as("module of %s", exercise.id()).isRegularFile();
            for (String test : exercise.tests()) {
                Path source = ROOT.resolve(exercise.module()).resolve("src/test/java").resolve(test.replace('.', '/') + ".java");
                assertThat(source).as("test of %s", exercise.id()).isRegularFile();
                assertThat(Files.readString(source)).as(test)
                        .contains("@Tag(\"exercise\")").contains("@Tag(\"" + exercise.tag() + "\")");
            }
        }
    }

    @Test
    void every_stage_has_at_least_three_exercises() throws IOException {
        Catalogue catalogue = Catalogue.read(ROOT);

        Set<String> stages = catalogue.exercises().stream().map(e -> Catalogue.stageOf(e.id())).collect(Collectors.toSet());
        for (String stage : stages) {
            assertThat(catalogue.exercises().stream().filter(e -> Catalogue.stageOf(e.id()).equals(stage)))
                    .as("exercises of stage %s", stage).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void a_student_copy_of_this_repository_has_every_exercise_stubbed_and_no_solution_text(@TempDir Path elsewhere)
            throws IOException {
        assumeFalse(Files.exists(ROOT.resolve(StudentCopy.NOTE)), "this is a student copy: there is no solution in it to hide");
        Catalogue catalogue = Catalogue.read(ROOT);
        Set<String> all = catalogue.exercises().stream().map(Catalogue.Exercise::id).collect(Collectors.toSet());
        Path copy = elsewhere.resolve("copy");

        new StudentCopy(ROOT, catalogue).write(copy, all); // it refuses to finish a copy with solution text in it

        Checker checker = new Checker(copy);
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            assertThat(checker.stubStillIn(exercise)).as("the stub of %s", exercise.id()).isNotNull();
        }
        assertThat(copy.resolve(".ci")).doesNotExist();
        assertThat(copy.resolve(StudentCopy.NOTE)).isRegularFile();
        assertThat(copy.resolve("mvnw")).isExecutable();
    }
}
