// Stage 3 in JShell: the selector client, the testbed, and run(...) to try the stage with any options.
import coroutines.selector.*;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(SelectorStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 3 loaded. Try: run()   or   run(\"--fail-in\", \"github.com\")   or   run(\"--help\")");
