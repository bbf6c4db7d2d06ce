// Stage 3 in JShell: the selector client, the testbed, and run(...) to try the stage with any options.
import coroutines.selector.*;
import coroutines.testbed.*;
import java.time.Duration;

int run(String... args) {
    // A fresh option object each time: picocli fills it in from these args only.
    FailInCallbackOption failInCallback = new FailInCallbackOption();
    return StageCommand.execute(SelectorClient.stage(failInCallback), System.out, System.err, args, failInCallback).status();
}

System.out.println("Stage 3 loaded. Try: run()   or   run(\"--fail-in-callback\", \"github.com\")   or   run(\"--help\")");
