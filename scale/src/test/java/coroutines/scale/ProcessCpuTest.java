package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmark's process CPU: read around the stage's client, never less than the run's own estimate. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessCpuTest {

    /** Linux's clock tick (USER_HZ 100), the resolution of the JDK's getProcessCpuTime there. */
    private static final long PROCESS_CPU_TICK_MILLIS = 10;
    /**
     * How far below the client's estimate the process CPU may read: a kernel that samples utime and
     * stime at each tick charges a short span to within a few ticks (CI once read 50 ms against more
     * than 61), while the client's estimate comes from each thread's exact clock.
     */
    private static final long PROCESS_CPU_SLACK_MILLIS = 4 * PROCESS_CPU_TICK_MILLIS;

    private static final byte[] OK = "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final Stage BUSY = new Stage("busy", "spins", "a client that spins, then answers", (targets, run) -> {
        long sum = 0;
        for (int i = 0; i < 200_000_000; i++) { // CPU on the client's own thread, well beyond the slack, for both to count
            sum += i % 7;
        }
        run.answered(targets.get(0), sum >= 0 ? OK : new byte[0]);
    }, "the loop");

    @Test
    void the_process_cpu_counts_every_thread_so_it_is_never_less_than_the_clients_estimate() {
        ProcessCpu.Measured measured = ProcessCpu.measuring(BUSY);
        StageRun run = StageRun.capturing(List.of(new Target("a.example", InetSocketAddress.createUnresolved("a.example", 80))),
                Duration.ofSeconds(1));
        assertThat(measured.cpu().millis()).as("before the run").isEqualTo(-1);

        int status = run.execute(measured.stage(), false);

        assertThat(status).as(run.output()).isZero();
        assertThat(run.clientCpuMillis()).as("the client spun").isGreaterThan(2 * PROCESS_CPU_SLACK_MILLIS);
        assertThat(measured.cpu().millis()).isGreaterThanOrEqualTo(run.clientCpuMillis() - PROCESS_CPU_SLACK_MILLIS);
    }

    @Test
    void the_measured_stage_is_the_stage_it_wraps_but_for_its_client() {
        Stage measured = ProcessCpu.measuring(BUSY).stage();

        assertThat(measured).extracting(Stage::name, Stage::whatChanged, Stage::description, Stage::stepThatCanFail,
                Stage::beforeTheClock).containsExactly(BUSY.name(), BUSY.whatChanged(), BUSY.description(),
                BUSY.stepThatCanFail(), BUSY.beforeTheClock());
        assertThat(measured.client()).isInstanceOf(ProcessCpu.class);
    }
}
