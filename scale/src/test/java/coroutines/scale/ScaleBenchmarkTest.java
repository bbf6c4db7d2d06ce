package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.StageCommand;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmark's parts that decide what its table says: the hosts' process, the check of every answer, the thread-per-request client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScaleBenchmarkTest {

    private static final Map<String, String> ANSWERS = Map.of("so1n.me", "a".repeat(64), "github.com", "b".repeat(64));

    private static final MachineLoad.Load QUIET = new MachineLoad.Load(0.3, 2, 10, 1_000);
    private static final MachineLoad.Load BUSY = new MachineLoad.Load(6.4, 2, 9_800, 8_000);

    private static ProcessWatch.Result printed(String stdout) {
        return new ProcessWatch.Result(0, false, stdout, "", 12, 40_000, 250);
    }

    @Nested
    class the_hosts_in_a_process_of_their_own {

        @Test
        void print_resolve_arguments_that_reach_each_host_and_the_digest_of_its_exact_answer() throws Exception {
            try (ScaleBenchmark.HostsProcess hosts = ScaleBenchmark.HostsProcess.start(Path.of(".."))) {
                List<String> rules = hosts.resolveArguments();
                assertThat(rules).hasSize(8).filteredOn("--resolve"::equals).hasSize(4);
                for (int i = 1; i < rules.size(); i += 2) {
                    String[] rule = rules.get(i).split(":");
                    byte[] answer = exchange(rule[0], new InetSocketAddress(rule[2], Integer.parseInt(rule[1])));
                    assertThat(Hosts.sha256(answer)).as(rule[0]).isEqualTo(hosts.answers().get(rule[0]));
                }
                assertThat(hosts.answers().keySet()).containsExactlyElementsOf(LocalHosts.ARTICLE_HOSTS);
                assertThat(hosts.pid()).isNotEqualTo(ProcessHandle.current().pid());
            }
        }

        private byte[] exchange(String host, InetSocketAddress address) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(address, 10_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET http://" + host + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                return socket.getInputStream().readAllBytes();
            }
        }
    }

    @Nested
    class judging_a_run {

        @Test
        void takes_wall_and_cpu_from_the_summary_line_and_counts_answers_whose_digest_matches() {
            Measurement m = ScaleBenchmark.judge(4, printed("process CPU 41 ms\ndigest github.com " + "b".repeat(64) + " 2\n"
                    + "digest so1n.me " + "a".repeat(64) + " 2\n4 of 4 hosts answered in 455 ms, client CPU 12 ms\n"),
                    ANSWERS, Duration.ofSeconds(60), 30, QUIET);

            assertThat(m.ok()).isTrue();
            assertThat(m).extracting(Measurement::wallMillis, Measurement::cpuMillis, Measurement::processCpuMillis,
                    Measurement::totalCpuMillis, Measurement::exact, Measurement::peakThreads, Measurement::hostsCpuMillis)
                    .containsExactly(455L, 12L, 41L, 250L, 4, 12, 30L);
        }

        @Test
        void a_program_that_prints_no_process_cpu_line_is_still_judged_and_its_process_cpu_is_unknown() {
            Measurement m = ScaleBenchmark.judge(4, printed("digest github.com " + "b".repeat(64) + " 2\n"
                    + "digest so1n.me " + "a".repeat(64) + " 2\n4 of 4 hosts answered in 455 ms, client CPU 12 ms\n"),
                    ANSWERS, Duration.ofSeconds(60), 30, QUIET);

            assertThat(m.ok()).isTrue();
            assertThat(m.processCpuMillis()).isEqualTo(-1);
        }

        @Test
        void an_answer_that_is_not_byte_exact_fails_the_run_even_when_the_program_counts_it_as_answered() {
            Measurement m = ScaleBenchmark.judge(4, printed("digest github.com " + "c".repeat(64) + " 2\n"
                    + "digest so1n.me " + "a".repeat(64) + " 2\n4 of 4 hosts answered in 455 ms, client CPU 12 ms\n"),
                    ANSWERS, Duration.ofSeconds(60), 30, QUIET);

            assertThat(m.failure()).isEqualTo("4 of 4 answered, 2 byte-exact; no failure line printed");
        }

        @Test
        void a_failed_request_is_quoted_and_a_run_without_summary_line_says_what_it_printed_instead() {
            Measurement failed = ScaleBenchmark.judge(2, printed("github.com failed: connection refused\n"
                    + "digest so1n.me " + "a".repeat(64) + " 1\n1 of 2 hosts answered in 5 ms, client CPU 1 ms\n"),
                    ANSWERS, Duration.ofSeconds(60), 0, QUIET);
            Measurement usage = ScaleBenchmark.judge(2, new ProcessWatch.Result(2, false, "",
                    "Unknown option: '--requests'\nUsage: ...", 1, 1, 100), ANSWERS, Duration.ofSeconds(60), 0, QUIET);
            Measurement stopped = ScaleBenchmark.judge(2, new ProcessWatch.Result(137, true, "", "", 1, 1, 100),
                    ANSWERS, Duration.ofSeconds(60), 0, QUIET);

            assertThat(failed.failure()).isEqualTo("1 of 2 answered, 1 byte-exact; first: github.com failed: connection refused");
            assertThat(usage.failure()).isEqualTo("no summary line: Unknown option: '--requests'");
            assertThat(stopped.failure()).isEqualTo("did not finish within 60 s (stopped)");
        }
    }

    @Nested
    class the_line_printed_for_each_run {

        private final Program stage5 = Program.java("stage5-tasks-futures", "Future, Task, a selector loop", "py-futures");

        @Test
        void says_not_run_and_why_for_a_program_the_benchmark_did_not_start() {
            String line = ScaleBenchmark.progressLine(1, 1, stage5, JvmMode.COLD, Measurement.notRun(1000,
                    "stage5-tasks-futures is built on JDK 21 or newer only, and this is JDK 17"));

            assertThat(line).endsWith("stage5-tasks-futures         cold       not run: stage5-tasks-futures is built on JDK 21"
                    + " or newer only, and this is JDK 17").doesNotContain("failed");
        }

        @Test
        void says_disturbed_by_load_and_what_to_do_when_others_took_the_cores_during_a_failing_run() {
            Measurement timedOut = ScaleBenchmark.judge(2, printed("github.com failed: timed out (no progress while waiting"
                    + " to read) after waiting 5000 ms\ndigest so1n.me " + "a".repeat(64) + " 1\n1 of 2 hosts answered in"
                    + " 7900 ms, client CPU 40 ms\n"), ANSWERS, Duration.ofSeconds(60), 0, BUSY);

            assertThat(ScaleBenchmark.progressLine(1, 1, stage5, JvmMode.COLD, timedOut)).contains("disturbed by load (load average 6.40 on"
                    + " 2 cores; other processes used 9,800 ms of CPU in this 8,000 ms run): run again on a quiet machine, or"
                    + " with a longer --timeout; what went wrong: 1 of 2 answered, 1 byte-exact; first: github.com failed:"
                    + " timed out").doesNotContain("failed: 1 of 2");
        }

        @Test
        void says_failed_when_the_same_run_failed_on_a_quiet_machine() {
            Measurement timedOut = ScaleBenchmark.judge(2, printed("github.com failed: timed out\ndigest so1n.me "
                    + "a".repeat(64) + " 1\n1 of 2 hosts answered in 7900 ms, client CPU 40 ms\n"), ANSWERS,
                    Duration.ofSeconds(60), 0, QUIET);

            assertThat(ScaleBenchmark.progressLine(1, 1, stage5, JvmMode.WARM, timedOut))
                    .endsWith("failed: 1 of 2 answered, 1 byte-exact; first: github.com failed: timed out")
                    .doesNotContain("disturbed");
        }
    }

    @Nested
    class the_line_printed_for_a_java_program_s_modes {

        @Test
        void puts_each_mode_s_wall_and_cpu_side_by_side_and_says_not_run_for_the_cache_on_an_older_jdk() {
            Measurement cold = new Measurement(4, 480, 50, 50, 900, 4, 4, 18, 68_000, 10, null, null, QUIET);
            Map<JvmMode, Measurement> byMode = new java.util.EnumMap<>(Map.of(JvmMode.COLD, cold,
                    JvmMode.AOT, Measurement.notRun(4, ScaleBenchmark.aotNotSupported(17))));

            assertThat(ScaleBenchmark.sideBySide(1, 3, Program.java("stage3-selector-callbacks", "one selector", "py-callbacks"),
                    4, byMode)).endsWith("stage3-selector-callbacks    side by side: cold 480 ms wall 50 ms CPU | AOT cache not run");
        }
    }

    @Nested
    class stage_1_on_a_platform_thread_per_request {

        private static final int REQUESTS = 200;

        @Test
        void has_every_request_in_flight_before_any_answer() throws IOException {
            // given: no host answers until every request has arrived; one after another could never open it
            try (LocalHosts hosts = LocalHosts.builder().noLatency().gate(REQUESTS, Duration.ofSeconds(30)).start()) {
                List<String> args = new ArrayList<>(List.of("--no-timeline", "--quiet", "--requests", "" + REQUESTS));
                for (Target target : hosts.targets()) {
                    args.addAll(List.of("--resolve", target.host() + ":" + target.address().getPort() + ":127.0.0.1"));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();

                // when
                StageCommand.Execution execution = StageCommand.execute(ThreadPerRequestClient.STAGE,
                        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args.toArray(String[]::new));

                // then: every request answered byte for byte, and only the summary line printed
                assertThat(execution.status()).as(out.toString(StandardCharsets.UTF_8)).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8).lines())
                        .singleElement().asString().startsWith(REQUESTS + " of " + REQUESTS + " hosts answered in ");
                List<StageRun.Outcome> outcomes = execution.run().orElseThrow().outcomes();
                assertThat(outcomes).hasSize(REQUESTS);
                for (StageRun.Outcome outcome : outcomes) {
                    assertThat(outcome.response()).isEqualTo(hosts.responseFor(outcome.host()));
                }
            }
        }
    }
}
