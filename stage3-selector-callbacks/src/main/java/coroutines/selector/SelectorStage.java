package coroutines.selector;

import coroutines.command.StageCommand;
import coroutines.testbed.Stage;

/**
 * Stage 3 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: SelectorClient is where the lesson is.
 */
public final class SelectorStage {

    public static final Stage STAGE = new Stage("stage3-selector-callbacks",
            "a selector wakes one thread, callbacks do the steps",
            "Stage 3: one Selector; each socket's key carries the callback to run when the socket is ready.",
            new SelectorClient(), "the read callback");

    private SelectorStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }
}
