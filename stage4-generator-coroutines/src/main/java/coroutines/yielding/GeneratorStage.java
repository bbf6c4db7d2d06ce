package coroutines.yielding;

import coroutines.command.StageCommand;
import coroutines.generators.Generator;
import coroutines.testbed.Stage;

/**
 * Stage 4 as the command line, the tour and the tests run it: its name, its client and its
 * {@code main}. Plumbing, not a lesson file: GeneratorClient is where the lesson is.
 */
public final class GeneratorStage {

    public static final Stage STAGE = new Stage("stage4-generator-coroutines",
            "generators yield what they wait for, a selector resumes them",
            "Stage 4: each request is a generator that yields what it waits for; a Selector loop resumes it when ready.",
            new GeneratorClient(), "the generator's body, at its first read",
            GeneratorStage::beforeTheClock);

    private GeneratorStage() {
    }

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    /** The JDK loads its continuation class at first use: here, before the clock, as Python's generators are built in. */
    private static void beforeTheClock() {
        Generator.loadContinuationOrThread();
    }
}
