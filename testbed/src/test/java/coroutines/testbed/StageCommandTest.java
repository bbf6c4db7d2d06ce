package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of the shared command line that no stage's contract covers. */
class StageCommandTest {

    private static final Stage STAGE4 = new Stage("stage4-generator-coroutines", "", "", (targets, run) -> { });

    @Test
    void a_stage_built_by_maven_only_for_another_module_stays_quiet() {
        List<String> maven = List.of("-q", "-pl", "stage5-tasks-futures", "-am", "compile", "exec:java");

        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", maven)).isTrue();
    }

    @Test
    void a_stage_named_by_maven_runs_in_any_spelling_of_the_project_list() {
        for (String projects : List.of("stage4-generator-coroutines", "./stage4-generator-coroutines",
                ":stage4-generator-coroutines", "testbed,stage4-generator-coroutines")) {
            List<String> maven = List.of("--projects", projects, "-am", "compile", "exec:java");

            assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", maven))
                    .as(projects).isFalse();
        }
    }

    private final List<Target> targetsSeen = new CopyOnWriteArrayList<>();
    private int status;

    /** A stage that connects nowhere: it records the targets it is given and answers each with a tiny 200. */
    private final Stage recording = new Stage("recording-stage", "", "", (targets, run) -> {
        targetsSeen.addAll(targets);
        for (Target target : targets) {
            run.answered(target.host(), "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    });

    private String execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        status = StageCommand.execute(recording, printer, printer, args).status();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "HOST ''{0}''")
    @ValueSource(strings = {"so1n.me\r\nGET /smuggled HTTP/1.0", "so1n .me", "", "b?cher.example", "so1n.me:8080", "::1"})
    void a_host_name_that_is_not_a_dns_name_is_a_usage_error_that_names_it(String host) {
        String output = execute(host);

        assertThat(output).startsWith("HOST '" + TerminalText.escapeLine(host) + "'")
                .contains("Usage: recording-stage");
        assertThat(status).isEqualTo(2);
        assertThat(targetsSeen).isEmpty();
    }

    @Test
    void an_argument_starting_with_at_is_a_name_not_a_file_to_expand(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hosts"), "so1n.me\n");

        String output = execute("@" + file);

        assertThat(output).contains("'@" + file + "' is not a valid host name: an '@'");
        assertThat(status).isEqualTo(2);
        assertThat(targetsSeen).isEmpty();
    }

    @Test
    void an_internationalised_name_is_requested_in_its_ascii_form() {
        String output = execute("bücher.example", "--resolve", "bücher.example:8080:127.0.0.1", "--no-timeline");

        assertThat(targetsSeen).containsExactly(new Target("xn--bcher-kva.example",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080)));
        assertThat(output).contains("1 of 1 hosts answered in ");
        assertThat(status).isZero();
    }

    @Test
    void a_resolve_rule_serves_its_name_in_any_case_and_the_request_keeps_the_case_given() {
        execute("SO1N.ME", "--resolve", "so1n.me:8080:127.0.0.1", "--no-timeline");

        assertThat(targetsSeen).containsExactly(new Target("SO1N.ME", new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080)));
        assertThat(status).isZero();
    }

    @Test
    void a_name_dns_does_not_know_reaches_the_stage_unresolved_with_the_reason() {
        execute("no-such-host.invalid", "--timeout", "10000", "--no-timeline");

        assertThat(targetsSeen).singleElement().satisfies(target -> {
            assertThat(target.address().isUnresolved()).isTrue();
            assertThat(target.lookupFailure()).isNotNull();
        });
    }

    @Test
    void the_help_lists_the_rules_for_names_and_ports() {
        String help = execute("--help").replaceAll("\\s+", " ");

        assertThat(help).contains("DNS names, or IPv4 addresses").contains("xn--")
                .contains("HOST matched in any case, PORT ASCII digits in 1..65535");
    }

    @Test
    void the_help_names_every_fault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

        StageCommand.execute(STAGE4, printer, printer, new String[] {"--help"});

        for (Fault fault : Fault.values()) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(fault.name().toLowerCase());
        }
    }

    @Test
    void a_stage_started_without_maven_or_without_a_project_list_always_runs() {
        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, null, List.of("-pl", "stage5-tasks-futures"))).isFalse();
        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", List.of("compile", "exec:java")))
                .isFalse();
    }
}
