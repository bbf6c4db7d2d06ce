package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.SummaryLine;
import coroutines.testbed.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The article's Python programs (python/), run against the local hosts: each prints what its
 * listing prints and the stages' summary line, each concurrent one has every request in flight
 * before any answer, and a failing host is reported as the stages report it. python3 is optional
 * on a reader's machine: without it these tests are skipped, and say so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonProgramsTest {

    private static final Path PYTHON = Path.of("..", "python").toAbsolutePath().normalize();

    private LocalHosts hosts;

    // Before each test, not once for the class: each is then reported skipped, with this note.
    @BeforeEach
    void needs_python3() {
        assumeTrue(PythonCheck.version() != null,
                "skipped: no python3 on the PATH; the article's Python programs (python/) are optional, and only"
                        + " the scale benchmark and these tests run them");
    }

    @AfterEach
    void close() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** What one program printed, and how it ended. */
    record Ran(int status, List<String> lines, String stderr) {
        String last() {
            return lines.get(lines.size() - 1);
        }

        /** The last line, parsed by the stages' own parser: the Python programs print the same format. */
        SummaryLine summary() {
            return SummaryLine.parse(last());
        }
    }

    private Ran run(String script, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", PYTHON.resolve(script).toString()));
        for (Target target : hosts.targets()) {
            command.add("--resolve");
            command.add(target.host() + ":" + target.address().getPort() + ":127.0.0.1");
        }
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return new Ran(process.exitValue(), new String(stdout, StandardCharsets.UTF_8).lines().toList(), stderr);
    }

    private List<String> responseLines(String host) {
        return new String(hosts.responseFor(host), StandardCharsets.UTF_8).lines().toList();
    }

    @Nested
    class each_prints_what_its_listing_prints {

        @Test
        void section_1_prints_every_response_as_the_article_splits_it_one_host_after_another()
                throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().start();

            Ran ran = run("section1_blocking.py");

            List<String> expected = new ArrayList<>();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                expected.addAll(responseLines(host));
                expected.add(""); // the article's print adds a newline after the body's last CRLF
            }
            assertThat(ran.status()).isZero();
            assertThat(ran.lines().subList(0, ran.lines().size() - 1)).containsExactlyElementsOf(expected);
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(4, 4);
        }

        @Test
        void section_2_callbacks_print_connect_success_and_recv_body_success_per_read()
                throws IOException, InterruptedException {
            hosts = LocalHosts.start();

            Ran ran = run("section2_callbacks.py");

            assertThat(ran.status()).isZero();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(ran.lines()).containsOnlyOnce(host + " connect success");
                // Two parts of the body, then the empty read at the end: at least three reads.
                assertThat(ran.lines().stream().filter(("recv " + host + " body success")::equals).count())
                        .isGreaterThanOrEqualTo(3);
            }
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(4, 4);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"section3_futures.py", "asyncio_version.py"})
        void futures_and_asyncio_print_connect_success_and_the_length_of_each_response(String script)
                throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().start();

            Ran ran = run(script);

            assertThat(ran.status()).isZero();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(ran.lines()).containsOnlyOnce(host + " connect success",
                        "request " + host + " success, length:" + hosts.responseFor(host).length);
            }
            assertThat(ran.lines()).hasSize(9);
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(4, 4);
        }

        @Test
        void section_2_poll_prints_each_response_and_how_many_polls_came_back_empty()
                throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().start();

            Ran ran = run("section2_poll.py");

            assertThat(ran.status()).isZero();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(ran.lines()).containsSubsequence(responseLines(host));
                assertThat(ran.lines()).anyMatch(line -> line.matches(host.replace(".", "\\.") + ": [\\d,]+ polls came back empty"));
            }
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(4, 4);
        }
    }

    @Nested
    class at_n_requests {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"section1_blocking.py --threads", "section2_poll.py", "section2_callbacks.py",
                "section3_futures.py", "asyncio_version.py"})
        void every_request_is_in_flight_before_any_answer_and_quiet_prints_only_digests_and_the_summary(String program)
                throws IOException, InterruptedException {
            // given: no host answers before all 200 requests have arrived (one after another never opens it)
            hosts = LocalHosts.builder().noLatency().gate(200, Duration.ofSeconds(60)).start();
            String[] scriptAndOption = program.split(" ");

            // when
            List<String> options = new ArrayList<>(List.of(scriptAndOption).subList(1, scriptAndOption.length));
            options.addAll(List.of("--requests", "200", "--quiet", "--digests"));
            Ran ran = run(scriptAndOption[0], options.toArray(String[]::new));

            // then: the process's CPU, 50 byte-exact answers from each host, and nothing else printed
            List<String> expected = new ArrayList<>();
            for (String host : LocalHosts.ARTICLE_HOSTS.stream().sorted().toList()) {
                expected.add("digest " + host + " " + Hosts.sha256(hosts.responseFor(host)) + " 50");
            }
            assertThat(ran.status()).isZero();
            assertThat(ran.lines().get(0)).matches("process CPU \\d+ ms");
            assertThat(ran.lines().subList(1, ran.lines().size() - 1)).containsExactlyElementsOf(expected);
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(200, 200);
        }
    }

    @Nested
    class when_a_host_fails {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"section1_blocking.py", "section2_poll.py", "section2_callbacks.py",
                "section3_futures.py", "asyncio_version.py"})
        void a_refused_connect_fails_that_host_only_and_the_exit_status_says_so(String script)
                throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.REFUSE).start();

            Ran ran = run(script, "--quiet");

            assertThat(ran.status()).isEqualTo(1);
            assertThat(ran.lines()).containsExactly(
                    "github.com failed: connection refused: nothing listens at that address"
                            + " (is the server running, is the port right?)",
                    ran.last());
            assertThat(ran.summary()).extracting(SummaryLine::answered, SummaryLine::requests).containsExactly(3, 4);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"section2_poll.py", "section2_callbacks.py", "section3_futures.py"})
        void a_silent_host_fails_after_the_timeout_with_how_long_it_waited(String script)
                throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.SILENT).start();

            Ran ran = run(script, "--quiet", "--timeout", "300");

            assertThat(ran.status()).isEqualTo(1);
            assertThat(ran.lines()).containsExactly(
                    "baidu.com failed: no progress within 300 ms (a silent server? try a larger --timeout)", ran.last());
        }

        @Test
        void a_usage_error_exits_with_status_2_and_says_what_is_wrong() throws IOException, InterruptedException {
            hosts = LocalHosts.builder().noLatency().start();

            Ran ran = run("section2_callbacks.py", "--resolve", "so1n.me:port:127.0.0.1");

            assertThat(ran.status()).isEqualTo(2);
            assertThat(ran.stderr()).contains("'so1n.me:port:127.0.0.1': the port 'port' is not a number in 1..65535");
        }
    }
}
