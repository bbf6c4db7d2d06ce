// Stage 5 in JShell: Future and Task (try the article's wait_future, see the README), stage 4's
// Generator, the testbed, and run(...) to try the four-host client with any options.
import coroutines.generators.*;
// Single-type imports: JShell's default imports java.util.concurrent.*, which has a Future too.
import coroutines.tasks.Future;
import coroutines.tasks.Task;
import coroutines.tasks.TaskClient;
import coroutines.tasks.TaskStage;
import coroutines.command.StageCommand;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    return StageCommand.execute(TaskStage.STAGE, System.out, System.err, args).status();
}

System.out.println("Stage 5 loaded. Try: run()   or   var f = new Future<String>();   or   run(\"--help\")");
