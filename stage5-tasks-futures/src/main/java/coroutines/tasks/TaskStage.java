package coroutines.tasks;

import coroutines.command.StageCommand;
import coroutines.generators.Generator;
import coroutines.testbed.Stage;

/**
 * Stage 5 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: TaskClient is where the lesson is.
 */
public final class TaskStage {

    public static final Stage STAGE = new Stage("stage5-tasks-futures", "coroutines wait on futures, tasks resume them",
            "Stage 5: each request is a coroutine run by a Task; it waits for Futures that a selector loop ends.",
            new TaskClient(), "the read coroutine",
            TaskStage::beforeTheClock);

    private TaskStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    /** The JDK loads its continuation class at first use: here, before the clock, as Python's generators are built in. */
    private static void beforeTheClock() {
        Generator.loadContinuationOrThread();
    }
}
