package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a run writes, fed with figures: each figure in its column, a row not run told from a row
 * that failed and from one disturbed by load, the start's cost beside N = 4, the article's claim.
 */
class ReportTest {

    private static final Program JAVA = Program.java("stage3-selector-callbacks", "one selector, callbacks", "py-callbacks");
    private static final Program PYTHON = Program.python("py-callbacks", "one selector, callbacks (section 2)",
            Path.of("python/section2_callbacks.py"), false);
    private static final Program SEQUENTIAL = Program.python("py-sequential", "blocking, one request after another (section 1)",
            Path.of("python/section1_blocking.py"), true);
    private static final Program VIRTUAL = Program.java("stage6-virtual-threads", "blocking code, a virtual thread per request",
            "py-asyncio");
    private static final MachineLoad.Load QUIET = new MachineLoad.Load(0.40, 2, 20, 1_500);
    private static final MachineLoad.Load BUSY = new MachineLoad.Load(5.20, 2, 1_830, 1_500);

    private static Measurement measured(int requests, long wall, long cpu, long processCpu, long totalCpu) {
        return new Measurement(requests, wall, cpu, processCpu, totalCpu, requests, requests, 19, 80_000, 60, null, null, QUIET);
    }

    private static Measurement measured(long wall, long cpu, long processCpu) {
        return measured(1000, wall, cpu, processCpu, 400);
    }

    private static Measurement failed(int requests, MachineLoad.Load load) {
        return new Measurement(requests, 6_100, 900, 1_200, 1_500, 826, 826, 19, 80_000, 60,
                "826 of 1,000 answered, 826 byte-exact; first: so1n.me failed: timed out", null, load);
    }

    private static String markdown(Results results) {
        return new Report(results, 1, "a test machine", "./run scale").markdown();
    }

    @Test
    void shows_process_cpu_beside_client_cpu_and_a_dash_where_a_program_printed_none() {
        Results results = new Results(List.of(JAVA, PYTHON), List.of(1000));
        results.add(JAVA, measured(600, 190, 330));
        results.add(PYTHON, measured(520, 100, -1));

        assertThat(markdown(results)).contains("| wall | client CPU | process CPU | peak threads |")
                .contains("| 1,000 | stage3-selector-callbacks | cold | one selector, callbacks | 600 ms | 190 ms | 330 ms | 19 |")
                .contains("| 1,000 | py-callbacks | — | one selector, callbacks (section 2) | 520 ms | 100 ms | — | 19 |")
                .contains("1.15×, 1.90× (py-callbacks)");
    }

    @Nested
    class a_row_without_figures {

        @Test
        void says_not_run_and_why_when_the_benchmark_did_not_start_the_program() {
            Results results = new Results(List.of(JAVA, PYTHON, SEQUENTIAL), List.of(1000));
            results.add(JAVA, Measurement.notRun(1000, "stage3-selector-callbacks is built on JDK 21 or newer only, and this is JDK 17"));
            results.add(PYTHON, measured(520, 100, -1));
            results.add(SEQUENTIAL, Measurement.notRun(1000, "one request after another takes about 1,000 x 300 ms = 300 s,"
                    + " past the budget of 60 s per run"));

            String markdown = markdown(results);

            assertThat(markdown)
                    .contains("| **not run**: stage3-selector-callbacks is built on JDK 21 or newer only, and this is JDK 17 |")
                    .contains("| **not run**: one request after another takes about 1,000 x 300 ms = 300 s, past the budget")
                    .doesNotContain("**failed**");
        }

        @Test
        void says_failed_and_how_when_the_program_failed_on_a_quiet_machine() {
            Results results = new Results(List.of(JAVA, PYTHON), List.of(1000));
            results.add(JAVA, failed(1000, QUIET));
            results.add(PYTHON, measured(520, 100, -1));

            assertThat(markdown(results))
                    .contains("| **failed**: 826 of 1,000 answered, 826 byte-exact; first: so1n.me failed: timed out |")
                    .doesNotContain("disturbed").doesNotContain("not run");
        }

        @Test
        void says_disturbed_by_load_with_the_figures_and_what_to_do_when_others_took_the_cores() {
            Results results = new Results(List.of(JAVA, PYTHON), List.of(1000));
            results.add(JAVA, failed(1000, BUSY));
            results.add(PYTHON, measured(520, 100, -1));

            String markdown = markdown(results);

            assertThat(markdown).contains("| **disturbed by load** (load average 5.20 on 2 cores; other processes used 1,830 ms"
                            + " of CPU in this 1,500 ms run): run again on a quiet machine, or with a longer --timeout;"
                            + " what went wrong: 826 of 1,000 answered, 826 byte-exact; first: so1n.me failed: timed out |")
                    .contains("1 of 2 runs ran while other processes used a quarter of the cores' time or more")
                    .doesNotContain("**failed**");
        }

        @Test
        void charges_the_program_when_one_of_its_failures_came_on_a_quiet_machine() {
            Results results = new Results(List.of(JAVA), List.of(1000));
            results.add(JAVA, failed(1000, BUSY));
            results.add(JAVA, failed(1000, QUIET));
            results.add(JAVA, measured(600, 190, 330));

            assertThat(results.problem(JAVA.name(), 1000)).get()
                    .isEqualTo(new Results.Problem(Results.Kind.FAILED,
                            "2 of 3 runs failed: 826 of 1,000 answered, 826 byte-exact; first: so1n.me failed: timed out"));
        }
    }

    @Nested
    class the_jvm_modes_side_by_side {

        private final List<JvmMode> all = List.of(JvmMode.COLD, JvmMode.AOT, JvmMode.WARM);

        @Test
        void hold_every_mode_against_the_same_python_run() {
            // given: one Python run, and the Java program cold, with its AOT cache and warm
            Results results = new Results(List.of(JAVA, PYTHON), all, List.of(1000));
            results.add(JAVA, JvmMode.COLD, measured(600, 190, 330));
            results.add(JAVA, JvmMode.AOT, measured(500, 120, 200));
            results.add(JAVA, JvmMode.WARM, measured(450, 95, 110));
            results.add(PYTHON, measured(500, 100, -1));

            // when
            String markdown = markdown(results);

            // then: one row, three columns, each divided by py-callbacks' 500 ms and 100 ms
            assertThat(markdown).contains("| N | program | its Python: wall, CPU | cold: wall, CPU | vs its Python"
                            + " | AOT cache: wall, CPU | vs its Python | warm: wall, CPU | vs its Python |")
                    .contains("| 1,000 | stage3-selector-callbacks | py-callbacks 500 ms, 100 ms | 600 ms, 190 ms | 1.20×, 1.90×"
                            + " | 500 ms, 120 ms | 1.00×, 1.20× | 450 ms, 95 ms | 0.90×, 0.95× |")
                    .contains("| 1,000 | stage3-selector-callbacks | AOT cache | one selector, callbacks | 500 ms | 120 ms | 200 ms |")
                    .contains("- stage3-selector-callbacks beside py-callbacks at N = 1,000: cold, 1.20× wall time and 1.90× CPU:"
                            + " not less of both; AOT cache, 1.00× wall time and 1.20× CPU: not less of both; warm, 0.90× wall"
                            + " time and 0.95× CPU: less of both, as the article says");
        }

        @Test
        void say_not_run_for_the_aot_cache_on_a_jdk_before_25_and_keep_the_other_columns() {
            // given: JDK 17, where the benchmark makes no cache and does not start the AOT runs
            Results results = new Results(List.of(JAVA, PYTHON), all, List.of(1000));
            results.add(JAVA, JvmMode.COLD, measured(600, 190, 330));
            results.add(JAVA, JvmMode.AOT, Measurement.notRun(1000, ScaleBenchmark.aotNotSupported(17)));
            results.add(JAVA, JvmMode.WARM, measured(450, 95, 110));
            results.add(PYTHON, measured(500, 100, -1));

            String markdown = markdown(results);

            assertThat(markdown)
                    .contains("| 600 ms, 190 ms | 1.20×, 1.90× | **not run**: needs JDK 25+, and this is JDK 17 | — |"
                            + " 450 ms, 95 ms | 0.90×, 0.95× |")
                    .contains("The AOT column: no training run (a cache needs JDK 25 or newer)")
                    .contains("AOT cache, cannot tell, stage3-selector-callbacks not run")
                    .doesNotContain("**failed**");
            assertThat(Chart.lines(results)).extracting(Chart.Line::name).containsExactly("stage3-selector-callbacks (cold)",
                    "py-callbacks");
            assertThat(Chart.svg(results)).contains("No AOT cache figure in this run: scale.md says why");
        }

        @Test
        void say_not_run_and_where_the_log_is_when_the_training_failed() {
            // given: the training run made no cache; the client's cold and warm runs went on
            String why = "exit status 1: Error occurred during initialization of VM, see target/jvm/aot/"
                    + "scale-stage3-selector-callbacks-training.txt";
            Results results = new Results(List.of(JAVA, PYTHON), all, List.of(1000));
            results.addTraining(new Results.Training(JAVA.name(), 900, 0, why));
            results.add(JAVA, JvmMode.COLD, measured(600, 190, 330));
            results.add(JAVA, JvmMode.AOT, Measurement.notRun(1000, "training failed: " + why));
            results.add(JAVA, JvmMode.WARM, measured(450, 95, 110));
            results.add(PYTHON, measured(500, 100, -1));

            String markdown = markdown(results);

            assertThat(markdown)
                    .contains("| 600 ms, 190 ms | 1.20×, 1.90× | **not run**: training failed: exit status 1: Error occurred during"
                            + " initialization of VM, see target/jvm/aot/scale-stage3-selector-callbacks-training.txt | — |"
                            + " 450 ms, 95 ms | 0.90×, 0.95× |")
                    .contains("- stage3-selector-callbacks: failed after 0.9 s: exit status 1")
                    .doesNotContain("**failed**");
        }

        @Test
        void say_failed_and_the_jvm_s_reason_when_the_jvm_did_not_use_the_cache() {
            // given: the client said in one line that its JVM rejected the cache, so the run was cold
            Measurement rejected = ScaleBenchmark.withCacheChecked(measured(600, 190, 330), "(the AOT cache"
                    + " target/jvm/aot/scale-stage3-selector-callbacks-jdk25.aot was not used, so this JVM starts cold:"
                    + " The AOT cache has a bad magic number: 0x21a654d7; ./run aot makes it again)\n");
            Results results = new Results(List.of(JAVA, PYTHON), all, List.of(1000));
            results.add(JAVA, JvmMode.COLD, measured(600, 190, 330));
            results.add(JAVA, JvmMode.AOT, rejected);
            results.add(JAVA, JvmMode.WARM, measured(450, 95, 110));
            results.add(PYTHON, measured(500, 100, -1));

            assertThat(markdown(results)).contains("| 600 ms, 190 ms | 1.20×, 1.90× | **failed**: the JVM did not use the AOT"
                    + " cache, so this run was cold: The AOT cache has a bad magic number: 0x21a654d7 | — |");
            assertThat(ScaleBenchmark.withCacheChecked(measured(600, 190, 330), "").ok()).isTrue();
        }
    }

    @Nested
    class the_article_s_claim {

        @Test
        void is_checked_in_the_article_s_words_and_nothing_says_issue() {
            Results results = new Results(List.of(JAVA, PYTHON, VIRTUAL, SEQUENTIAL), List.of(4, 1000, 10000));
            for (int n : List.of(4, 1000, 10000)) {
                results.add(JAVA, measured(n, 456 + n / 10, 27 + n / 10, 30 + n / 10, 200 + n / 10));
                results.add(PYTHON, measured(n, 452 + n / 20, 2 + n / 20, 2 + n / 20, 30 + n / 20));
                results.add(VIRTUAL, Measurement.notRun(n, "stage6-virtual-threads is built on JDK 21 or newer only, and this is JDK 17"));
                results.add(SEQUENTIAL, n == 4 ? measured(n, 1205, 2, 2, 30) : Measurement.notRun(n, "past the budget"));
            }

            String markdown = markdown(results);

            assertThat(markdown.toLowerCase()).doesNotContain("issue").doesNotContain("goal");
            assertThat(markdown).contains("The article's claim, as this run measured it. Its foreword says that where there is"
                            + " much I/O (\"在io比较多的场景中\")")
                    .contains("- stage3-selector-callbacks beside py-callbacks at N = 1,000: cold, 1.11× wall time and 2.44× CPU:"
                            + " not less of both")
                    .contains("- stage6-virtual-threads beside py-asyncio at N = 10,000: cold, cannot tell, stage6-virtual-threads"
                            + " not run")
                    .contains("- stage6-virtual-threads answered every request byte for byte: cold **not run**: stage6-virtual-threads"
                            + " is built on JDK 21 or newer only")
                    .contains("- stage3-selector-callbacks: cold 1.013×");
        }
    }

    @Nested
    class beside_n_4 {

        @Test
        void says_what_an_empty_start_costs_beside_each_program_s_cpu_from_start_to_exit() {
            Results results = new Results(List.of(JAVA, PYTHON), List.of(4, 100));
            results.add(JAVA, measured(4, 456, 27, 30, 200));
            results.add(PYTHON, measured(4, 452, 2, 2, 30));
            results.add(JAVA, measured(100, 487, 62, 90, 300));
            results.add(PYTHON, measured(100, 459, 13, 13, 40));
            results.addStart(Report.JVM, 60);
            results.addStart(Report.PYTHON, 20);

            assertThat(markdown(results))
                    .contains("a JVM that starts and exits running nothing (`java ... coroutines.scale.StartOnly`, with the"
                            + " clients' options) used 60 ms of CPU from its start to its exit, and `python3 -c pass` 20 ms (python3"
                            + " started as its interpreter, as the programs are")
                    .contains("- stage3-selector-callbacks (cold): 200 ms from start to exit, of which an empty JVM's start is 0.30;"
                            + " client CPU 27 ms")
                    .contains("- py-callbacks: 30 ms from start to exit, of which an empty python3's start is 0.67; client CPU 2 ms")
                    .contains("Its ratio to Python's there measures a cold JVM, not the model.");
        }

        @Test
        void says_nothing_of_starts_when_n_4_was_not_run() {
            Results results = new Results(List.of(JAVA, PYTHON), List.of(1000));
            results.add(JAVA, measured(600, 190, 330));
            results.add(PYTHON, measured(520, 100, -1));

            assertThat(markdown(results)).doesNotContain("What a start costs");
        }

        @Test
        void says_unknown_where_proc_could_not_tell() {
            Results results = new Results(List.of(JAVA), List.of(4));
            results.add(JAVA, measured(4, 456, 27, 30, -1));
            results.addStart(Report.JVM, -1);

            assertThat(markdown(results)).contains("used an unknown amount (no /proc) of CPU")
                    .contains("- stage3-selector-callbacks (cold): CPU unknown from start to exit, of which an empty JVM's start is unknown");
        }
    }
}
