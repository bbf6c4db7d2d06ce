package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where Java's generators differ from CPython's: a generator still paused when the JVM exits never
 * runs its {@code finally}. CPython closes such a generator at interpreter exit, so its finally runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PausedAtExitTest {

    private static final int JDK = Runtime.version().feature();

    @Test
    void a_generator_paused_when_the_jvm_exits_never_runs_its_finally_and_a_closed_one_does() throws IOException, InterruptedException {
        // given a JVM of its own, which pauses generators in a try/finally and then ends its main
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (JDK >= 21) {
            command.addAll(List.of(JdkContinuation.EXPORT_FLAG.split(" "))); // so that continuationOrThread can pick the continuation
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PauseThenExit.class.getName()));

        // when it exits
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then the JVM did exit, the paused bodies' finally blocks never ran, and the closed one's did
        assertThat(process.waitFor()).as(printed).isZero();
        assertThat(printed.lines()).as("what the JVM printed before it exited").containsExactly(
                "of: paused (" + Generator.of(yielder -> null).getClass().getSimpleName() + ")",
                "continuationOrThread: paused (" + Generator.continuationOrThread("kind", yielder -> null).getClass().getSimpleName() + ")",
                "closed: paused (ThreadGenerator)",
                "closed: finally ran",
                "main returns");
    }

    /** Pauses three generators inside a try/finally, closes one of them, and lets main return. */
    static final class PauseThenExit {
        public static void main(String[] args) {
            Generator<String, Object, Void> of = Generator.of("of", yielder -> pauseInTry("of", yielder));
            Generator<String, Object, Void> either = Generator.continuationOrThread("continuationOrThread",
                    yielder -> pauseInTry("continuationOrThread", yielder));
            System.out.println(of.send(null) + " (" + of.getClass().getSimpleName() + ")");
            System.out.println(either.send(null) + " (" + either.getClass().getSimpleName() + ")");
            // The remedy: close() raises GeneratorExit at the paused yield, so the finally runs now.
            try (Generator<String, Object, Void> closed = Generator.of("closed", yielder -> pauseInTry("closed", yielder))) {
                System.out.println(closed.send(null) + " (" + closed.getClass().getSimpleName() + ")");
            }
            System.out.println("main returns");
        }

        private static Void pauseInTry(String name, Yielder<String, Object> yielder) {
            try {
                yielder.yield(name + ": paused");
            } finally {
                System.out.println(name + ": finally ran");
            }
            return null;
        }
    }
}
