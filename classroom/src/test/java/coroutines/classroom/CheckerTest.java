package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a run of an exercise's tests is judged: from its report, or from how its JVM ended. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CheckerTest {

    @TempDir
    Path dir;

    private final Catalogue.Exercise exercise = Catalogue.parse(CatalogueTest.TWO_EXERCISES, "test").get("1.1");

    @Test
    void a_test_jvm_that_ran_out_of_memory_is_reported_as_that_not_as_a_compile_error() throws IOException {
        Path log = Files.write(dir.resolve("output.log"), List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space"));

        Checker.Result result = Checker.judgeRun(exercise, List.of(), 3, log);

        assertThat(result.state()).isEqualTo(Checker.State.CRASHED);
        assertThat(result.detail()).contains("ran out of memory").contains("Java heap space");
    }

    @Test
    void a_failure_that_reached_another_exercises_stub_waits_for_it() throws IOException {
        Path report = Files.writeString(dir.resolve("TEST-a.ReadTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="a.ReadTest" tests="2">
                  <testcase name="reads_every_chunk()" classname="a.ReadTest">
                    <error message="exercise 1.2 is not done yet: send it" type="java.lang.UnsupportedOperationException">
                java.lang.UnsupportedOperationException: exercise 1.2 is not done yet: send it
                \tat A.send(A.java:9)
                    </error>
                  </testcase>
                  <testcase name="stops_at_the_end()" classname="a.ReadTest"/>
                </testsuite>
                """);

        Checker.Result result = Checker.judgeRun(exercise, List.of(report), 0, dir.resolve("none.log"));

        assertThat(result.state()).isEqualTo(Checker.State.WAITS_FOR);
        assertThat(result.waitsFor()).containsExactly("1.2");
        assertThat(result.words()).isEqualTo("waits for 1.2");
        assertThat(result.failures()).extracting(Checker.Failure::test).containsExactly("reads every chunk");
    }
}
