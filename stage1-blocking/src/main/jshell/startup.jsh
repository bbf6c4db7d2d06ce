// Stage 1 in JShell: the blocking client, the testbed, and run(...) to try the stage with any options.
import coroutines.blocking.*;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(BlockingStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 1 loaded. Try: run()   or   run(\"--fault\", \"github.com=refuse\")   or   run(\"--help\")");
