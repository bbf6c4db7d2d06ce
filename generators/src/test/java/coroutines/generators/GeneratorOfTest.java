package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which kind {@link Generator#of} and {@link Generator#continuationOrThread} make on this JDK, with and without the continuation's export. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GeneratorOfTest {

    private static final int JDK = Runtime.version().feature();

    private static boolean exportGiven() {
        return Object.class.getModule().isExported("jdk.internal.vm", GeneratorOfTest.class.getModule());
    }

    @Test
    void the_build_gives_the_continuations_export_on_jdk_21_and_newer() {
        assertThat(exportGiven()).as("surefire's argLine on JDK 21+ (the parent pom's jdk21-stages profile) gives "
                + JdkContinuation.EXPORT_FLAG).isEqualTo(JDK >= 21);
    }

    @Test
    void of_makes_a_thread_backed_generator_on_every_jdk() {
        assertThat(Generator.of("which", yielder -> null)).isInstanceOf(ThreadGenerator.class);
    }

    @Test
    void continuation_or_thread_picks_the_continuation_where_it_is_usable_else_a_thread() {
        Generator<Integer, Object, Void> generator = Generator.continuationOrThread("which", yielder -> null);

        if (JDK >= 21 && exportGiven()) {
            assertThat(ContinuationGenerator.whyUnavailable()).isNull();
            assertThat(generator).isInstanceOf(ContinuationGenerator.class);
        } else {
            assertThat(generator).isInstanceOf(ThreadGenerator.class);
            assertThat(ContinuationGenerator.whyUnavailable()).contains(JDK >= 21 ? JdkContinuation.EXPORT_FLAG : "needs JDK 21");
        }
    }

    @Test
    void without_the_export_it_falls_back_to_a_thread_and_says_why() throws IOException, InterruptedException {
        // A JVM of the same JDK, started without the flag: what a reader gets from plain `java -cp`.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WhichKind.class.getName()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.waitFor()).as(printed).isZero();
        assertThat(printed).startsWith("ThreadGenerator on " + (JDK >= 21 ? "VIRTUAL" : "PLATFORM") + ": ")
                .contains(JDK >= 21 ? "run with " + JdkContinuation.EXPORT_FLAG : "needs JDK 21 or newer");
    }

    /** Prints the kind continuationOrThread makes in this JVM, and why the continuation is not used if it is not. */
    static final class WhichKind {
        public static void main(String[] args) {
            Generator<Integer, Object, Void> generator = Generator.continuationOrThread("which", yielder -> null);
            String kind = generator instanceof ThreadGenerator ? "ThreadGenerator on " + ThreadKind.best()
                    : generator.getClass().getSimpleName();
            System.out.println(kind + ": " + ContinuationGenerator.whyUnavailable());
        }
    }
}
