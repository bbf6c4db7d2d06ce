package coroutines.polling;

import coroutines.command.StageCommand;
import coroutines.testbed.Stage;

/**
 * Stage 2 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: PollingClient is where the lesson is.
 */
public final class PollingStage {

    public static final Stage STAGE = new Stage("stage2-nonblocking-poll", "non-blocking sockets, one thread polls",
            "Stage 2: non-blocking SocketChannels, polled round-robin by one thread until all hosts are done.",
            new PollingClient());

    private PollingStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }
}
