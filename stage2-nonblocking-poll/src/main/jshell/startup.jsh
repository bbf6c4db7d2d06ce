// Stage 2 in JShell: the polling client, the testbed, and run(...) to try the stage with any options.
import coroutines.polling.*;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(PollingStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 2 loaded. Try: run()   or   run(\"--fault\", \"github.com=refuse\")   or   run(\"--help\")");
