package coroutines.blocking;

import coroutines.command.StageCommand;
import coroutines.testbed.Stage;

/**
 * Stage 1 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: BlockingClient is where the lesson is.
 */
public final class BlockingStage {

    public static final Stage STAGE = new Stage("stage1-blocking", "blocking sockets, one host after another",
            "Stage 1: request each host with a blocking java.net.Socket, one after another.",
            new BlockingClient());

    private BlockingStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }
}
