package coroutines.tour;

import coroutines.blocking.BlockingStage;
import coroutines.testbed.Stage;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * Stages the tour's tests give it, started as it starts its own: each class holds one in a public
 * static {@code STAGE}, and {@link TourStage} runs it in a JVM of its own.
 */
final class TestStages {

    private TestStages() {
    }

    /** Says which process and which JVM options it ran with, then requests as stage 1 does. */
    public static final class WhereItRan {
        public static final Stage STAGE = new Stage("where-it-ran", "says where it ran, then stage 1",
                "A test stage: its pid and JVM options, then stage 1's requests.", (targets, run) -> {
                    run.out().println("pid " + ProcessHandle.current().pid());
                    run.out().println("jvm options " + ManagementFactory.getRuntimeMXBean().getInputArguments());
                    BlockingStage.STAGE.client().requestAll(targets, run);
                });

        private WhereItRan() {
        }
    }

    /** Waits for what never comes: no socket, so no --timeout or --max-time of the run can end it. */
    public static final class Stuck {
        public static final Stage STAGE = new Stage("stuck", "never ends", "A test stage that hangs.",
                (targets, run) -> {
                    run.out().println("stuck from here on");
                    new CountDownLatch(1).await();
                });

        private Stuck() {
        }
    }
}
