package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart marks every point that has no figure, at its N on its program's row, and says what the mark means. */
class ChartTest {

    private static final Program JAVA = Program.java("stage3-selector-callbacks", "one selector, callbacks", "py-callbacks");
    private static final Program SEQUENTIAL = Program.python("py-sequential", "blocking, one request after another (section 1)",
            Path.of("python/section1_blocking.py"), true);
    private static final MachineLoad.Load QUIET = new MachineLoad.Load(0.4, 2, 10, 1_000);

    private static Measurement measured(int requests, long wall) {
        return new Measurement(requests, wall, 30, 40, 200, requests, requests, 19, 80_000, 10, null, null, QUIET);
    }

    @Test
    void marks_a_point_not_run_and_a_point_failed_at_their_n_and_explains_the_mark_in_the_legend() {
        // given: the sequential program not run past N = 100, stage 3 failing at 1,000 but answering at 10,000
        Results results = new Results(List.of(JAVA, SEQUENTIAL), List.of(4, 100, 1000, 10000));
        results.add(JAVA, measured(4, 456));
        results.add(JAVA, measured(100, 487));
        results.add(JAVA, new Measurement(1000, 6_000, 900, 1_000, 1_300, 900, 900, 19, 80_000, 60, "900 of 1,000 answered",
                null, QUIET));
        results.add(JAVA, measured(10000, 1_361));
        results.add(SEQUENTIAL, measured(4, 1_205));
        results.add(SEQUENTIAL, measured(100, 30_115));
        results.add(SEQUENTIAL, Measurement.notRun(1000, "past the budget"));
        results.add(SEQUENTIAL, Measurement.notRun(10000, "past the budget"));

        // when
        String svg = Chart.svg(results);

        // then
        assertThat(Chart.missingPoints(results)).containsExactly(
                new Chart.Missing("stage3-selector-callbacks (cold)", 1000, "failed"),
                new Chart.Missing("py-sequential", 1000, "not run"),
                new Chart.Missing("py-sequential", 10000, "not run"));
        assertThat(svg).contains("no figure at that N (not run, failed or disturbed by load; scale.md says why)")
                .contains("stage3-selector-callbacks (cold): failed").contains("py-sequential: not run");
    }

    @Test
    void has_no_mark_and_no_legend_for_it_when_every_point_has_a_figure() {
        Results results = new Results(List.of(JAVA), List.of(4, 100));
        results.add(JAVA, measured(4, 456));
        results.add(JAVA, measured(100, 487));

        assertThat(Chart.missingPoints(results)).isEmpty();
        assertThat(Chart.svg(results)).doesNotContain("no figure at that N").contains("stage3-selector-callbacks (cold)");
    }
}
