package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A path a teacher types (grade's --out, student-copy's DIR, ...) is theirs, from where they typed it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FromCallerTest {

    private static final Path CALLER = Path.of("/home/teacher/course").toAbsolutePath();

    @Test
    void a_relative_path_is_taken_from_where_run_was_typed() {
        Map<String, String> env = Map.of(Classroom.CALLER_DIR, CALLER.toString());

        assertThat(Classroom.fromCaller(Path.of("grades/week-1"), env)).isEqualTo(CALLER.resolve("grades/week-1"));
        assertThat(Classroom.fromCaller(Path.of("../hand-ins"), env)).isEqualTo(CALLER.getParent().resolve("hand-ins"));
        assertThat(Classroom.fromCaller(Path.of("."), env)).isEqualTo(CALLER);
    }

    @Test
    void an_absolute_path_stays_as_it_is() {
        Path absolute = Path.of("/srv/grades/./week-1").toAbsolutePath();

        assertThat(Classroom.fromCaller(absolute, Map.of(Classroom.CALLER_DIR, CALLER.toString())))
                .isEqualTo(absolute.normalize());
    }

    @Test
    void without_the_variable_as_under_maven_a_relative_path_is_taken_from_the_working_directory() {
        Path here = Path.of("").toAbsolutePath();

        assertThat(Classroom.fromCaller(Path.of("grades"), Map.of())).isEqualTo(here.resolve("grades"));
        assertThat(Classroom.fromCaller(Path.of("grades"), Map.of(Classroom.CALLER_DIR, " "))).isEqualTo(here.resolve("grades"));
    }
}
