package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table a run writes: each figure in its column, and a dash where a program printed none. */
class ReportTest {

    private static final Program JAVA = Program.java("stage3-selector-callbacks", "one selector, callbacks", "py-callbacks");
    private static final Program PYTHON = Program.python("py-callbacks", "one selector, callbacks (section 2)",
            Path.of("python/section2_callbacks.py"), false);

    private static Measurement measured(long wall, long cpu, long processCpu) {
        return new Measurement(1000, wall, cpu, processCpu, 1000, 1000, 19, 80_000, 60, null);
    }

    @Test
    void shows_process_cpu_beside_client_cpu_and_a_dash_where_a_program_printed_none() {
        Results results = new Results(List.of(JAVA, PYTHON), List.of(1000));
        results.add(JAVA, measured(600, 190, 330));
        results.add(PYTHON, measured(520, 100, -1));

        String markdown = new Report(results, 1, "a test machine", "./run scale").markdown();

        assertThat(markdown).contains("| wall | client CPU | process CPU | peak threads |")
                .contains("| 1,000 | stage3-selector-callbacks | one selector, callbacks | 600 ms | 190 ms | 330 ms | 19 |")
                .contains("| 1,000 | py-callbacks | one selector, callbacks (section 2) | 520 ms | 100 ms | — | 19 |")
                .contains("1.15×, 1.90× (py-callbacks)");
    }
}
