// Stage 4 in JShell: the generators library (Generator, StopIteration...), this stage's lesson
// (the article's examples in ArticleExamples, the hand-compiled DemoFrame, the generator client),
// the testbed, and run(...) to try the stage with any options.
import coroutines.generators.*;
import coroutines.yielding.*;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(GeneratorStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 4 loaded. Try: var demo_gen = ArticleExamples.demo();   demo_gen.send(null)   or   run()");
