// Stage 6 in JShell: the virtual-thread client, the testbed, and run(...) to try the stage with any options.
import coroutines.virtualthreads.*;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(VirtualThreadStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 6 loaded. Try: run()   or   run(\"--fault\", \"github.com=refuse\")   or   run(\"--help\")");
