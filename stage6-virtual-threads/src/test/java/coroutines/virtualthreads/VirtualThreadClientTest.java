package coroutines.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testkit.StageContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stage 6 keeps the contract of every stage, and shows what only it does: a virtual thread per host. */
class VirtualThreadClientTest extends StageContract {

    VirtualThreadClientTest() {
        super(VirtualThreadStage.STAGE, Requests.IN_FLIGHT_TOGETHER, JShellSessions.NONE);
    }

    @Test
    void runs_each_request_start_to_end_on_a_virtual_thread_of_its_own() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().gate(4, Duration.ofSeconds(20)), GENEROUS);

        assertThat(run.answeredCount()).isEqualTo(4);
        Set<String> threadsOfEachHost = LocalHosts.ARTICLE_HOSTS.stream()
                .map(host -> run.events().of(host).stream().map(Event::thread).collect(Collectors.toSet()))
                .map(threads -> {
                    assertThat(threads).hasSize(1);
                    return threads.iterator().next();
                })
                .collect(Collectors.toSet());
        assertThat(threadsOfEachHost).hasSize(4).allMatch(name -> name.startsWith("virtual-"));
    }

    @Test
    void the_parked_read_probe_of_chapter_7_shows_a_waiting_virtual_thread_with_its_stack() throws Exception {
        // docs/snippets/ParkedRead.java is run by readers as a single-file program; run it the same way.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "../docs/snippets/ParkedRead.java")
                .redirectErrorStream(true).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe ends by itself").isTrue();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("the virtual thread, while it waits: WAITING")
                .contains("java.io.InputStream.read")
                .contains("ParkedRead.readOnce")
                .contains("after interrupt(), read threw java.net.SocketException");
        assertThat(probe.exitValue()).as(output).isZero();
    }

    @Test
    void waits_for_every_request_before_it_returns() throws IOException {
        StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

        // Every host ended (answered) before requestAll returned and the summary was printed.
        assertThat(run.outcomes()).hasSize(4).allMatch(StageRun.Outcome::answered);
        assertThat(run.events().all()).filteredOn(event -> event.kind() == Event.Kind.END).hasSize(4);
    }
}
