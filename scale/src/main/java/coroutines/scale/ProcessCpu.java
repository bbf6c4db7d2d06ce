package coroutines.scale;

import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.Target;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/**
 * The CPU the whole process used while a stage's client ran: every thread, the JIT's and the GC's
 * too, which the run's own client-CPU estimate cannot see. Only the benchmark prints it, so it is
 * measured here, by wrapping the stage's client, and not by every run.
 */
final class ProcessCpu implements Client {

    private final Client client;
    // -1 until the client has run, and where the JDK cannot say.
    private volatile long nanos = -1;

    private ProcessCpu(Client client) {
        this.client = client;
    }

    /** The same stage, its client measured: the span is the client's, as the summary line's client CPU. */
    static Measured measuring(Stage stage) {
        ProcessCpu cpu = new ProcessCpu(stage.client());
        Stage measured = new Stage(stage.name(), stage.whatChanged(), stage.description(), cpu,
                stage.stepThatCanFail(), stage.beforeTheClock());
        return new Measured(measured, cpu);
    }

    /** A stage whose client reads the process's CPU before and after it runs. */
    record Measured(Stage stage, ProcessCpu cpu) {
    }

    @Override
    public void requestAll(List<Target> targets, Run run) throws Exception {
        long before = nowNanos();
        try {
            client.requestAll(targets, run);
        } finally {
            long after = nowNanos();
            nanos = before < 0 || after < 0 ? -1 : after - before;
        }
    }

    /** Milliseconds of CPU every thread of this process used while the client ran; -1 before, or if unknown. */
    long millis() {
        long used = nanos;
        return used < 0 ? -1 : Math.round(used / 1e6);
    }

    private static long nowNanos() {
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        return system instanceof com.sun.management.OperatingSystemMXBean withCpu ? withCpu.getProcessCpuTime() : -1;
    }
}
