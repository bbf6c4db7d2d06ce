package coroutines.virtualthreads;

import coroutines.command.StageCommand;
import coroutines.testbed.Stage;

/**
 * Stage 6 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: VirtualThreadClient is where the lesson is.
 */
public final class VirtualThreadStage {

    public static final Stage STAGE = new Stage("stage6-virtual-threads", "stage 1's code, a virtual thread per host",
            "Stage 6 (JDK 21+): stage 1's blocking request, unchanged, on one virtual thread per host.",
            new VirtualThreadClient(), null,
            VirtualThreadStage::beforeTheClock);

    private VirtualThreadStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    /**
     * The JDK starts its virtual-thread scheduler with the first virtual thread. Start it here, before
     * the run's clock, as {@code asyncio.run} makes its loop before the first connect.
     */
    private static void beforeTheClock() {
        try {
            Thread.ofVirtual().start(() -> { }).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run goes on; the scheduler will start with the first request
        }
    }
}
