package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a stage's JVM is started: class directories packed into JARs that change only with their
 * classes, the cache flags only where the JDK has them and a cache exists, and on JDK 25+ a real
 * training run, a run that uses its cache, and one whose cache is garbage (one line, run goes on).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StageJvmTest {

    @TempDir
    Path root;

    /** The child JVM of the last test: says the note if any, then hello. */
    public static final class Hello {
        public static void main(String[] args) {
            StageJvm.sayIfTheCacheWasNotUsed(System.err);
            System.out.println("hello from a JVM of its own");
        }
    }

    @Test
    void a_class_directory_becomes_a_jar_that_is_rewritten_only_when_its_classes_change() throws IOException {
        Path classes = Files.createDirectories(root.resolve("stage9-example/target/classes/p"));
        Files.writeString(classes.resolve("A.class"), "first");
        StageJvm jvm = new StageJvm(root);

        Path jar = jvm.jars(List.of(classes.getParent())).get(0);
        assertThat(jar).isEqualTo(root.resolve("target/jvm/jars/stage9-example.jar")).exists();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(jar, old);

        jvm.jars(List.of(classes.getParent()));
        assertThat(Files.getLastModifiedTime(jar)).as("same classes: the JAR, and a cache made with it, stay").isEqualTo(old);

        Files.writeString(classes.resolve("A.class"), "second");
        jvm.jars(List.of(classes.getParent()));
        assertThat(Files.getLastModifiedTime(jar)).isNotEqualTo(old);
        try (var listing = Files.list(jar.getParent())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactly("stage9-example.jar");
        }
    }

    @Test
    void without_a_cache_the_command_is_plain_java_on_the_class_path_as_given() throws IOException {
        Path classes = Files.createDirectories(root.resolve("m/target/classes"));
        List<String> command = new StageJvm(root).command("run-m", StageJvm.Cache.USE, List.of(classes),
                List.of("-Xmx64m"), "p.Main", List.of("--quiet"));

        assertThat(command.get(0)).endsWith("java");
        assertThat(command.subList(1, command.size())).containsExactly(StageJvm.CONTINUATION_EXPORT, "-Xmx64m",
                "-cp", classes.toAbsolutePath().normalize().toString(), "p.Main", "--quiet");
    }

    @Test
    void with_a_cache_only_a_jdk_that_can_use_one_is_told_to() throws IOException {
        Path classes = Files.createDirectories(root.resolve("m/target/classes"));
        StageJvm jvm = new StageJvm(root);
        Files.createDirectories(jvm.cacheFile("run-m").getParent());
        Files.writeString(jvm.cacheFile("run-m"), "a cache");

        List<String> command = jvm.command("run-m", StageJvm.Cache.USE, List.of(classes), List.of(), "p.Main", List.of());

        if (StageJvm.aotCacheSupported()) {
            assertThat(command).contains("-XX:AOTCache=" + jvm.cacheFile("run-m"));
            assertThat(command.get(command.indexOf("-cp") + 1)).isEqualTo(root.resolve("target/jvm/jars/m.jar").toString());
        } else {
            assertThat(String.join(" ", command)).doesNotContain("AOT").doesNotContain("-Xlog");
        }
        assertThat(jvm.cacheFile("run-m").getFileName().toString()).startsWith("run-m-jdk" + Runtime.version().feature());
    }

    @Test
    void the_jvms_words_for_a_rejected_cache_become_one_reason() {
        assertThat(StageJvm.whyNotUsed(List.of(
                "[0.023s][warning][aot] This file is not the one used while building the shared archive file: 'x.jar', timestamp has changed",
                "[0.023s][error  ][aot] An error has occurred while processing the AOT cache. Run with -Xlog:aot for details.",
                "[0.023s][error  ][aot] shared class paths mismatch (hint: enable -Xlog:class+path=info to diagnose the failure)")))
                .hasValue("This file is not the one used while building the shared archive file: 'x.jar', timestamp has changed");
        assertThat(StageJvm.whyNotUsed(List.of(
                "[0.296s][warning][aot] Skipping picocli/CommandLine$ParameterException: Unlinked class not supported by AOTClassLinking")))
                .as("a training run's warnings are not a rejection").isEmpty();
        assertThat(StageJvm.whyNotUsed(List.of())).isEmpty();
    }

    @Test
    void the_line_names_what_makes_the_cache_again() {
        assertThat(StageJvm.remedy("run-stage5-tasks-futures")).isEqualTo("./run aot 5 makes it again");
        assertThat(StageJvm.remedy("scale-stage3-selector-callbacks")).isEqualTo("the next ./run scale makes it again");
        assertThat(StageJvm.remedy("hello")).isEqualTo("a new training run makes it again");
    }

    @Test
    void on_jdk_25_a_training_run_makes_a_cache_the_next_run_uses_and_a_broken_one_is_one_line() throws Exception {
        assumeTrue(StageJvm.aotCacheSupported(), "an AOT cache needs JDK " + StageJvm.FIRST_AOT_JDK + "+");
        StageJvm jvm = new StageJvm(root);

        Child training = run(jvm, StageJvm.Cache.TRAIN, List.of());
        assertThat(training.exitStatus()).as(training.toString()).isZero();
        assertThat(jvm.cacheFile("hello")).exists();

        // AOTMode=on: a JVM that cannot use the cache would not start at all, so this run proves it was used.
        Child using = run(jvm, StageJvm.Cache.USE, List.of("-XX:AOTMode=on"));
        assertThat(using.exitStatus()).as(using.toString()).isZero();
        assertThat(using.stdout()).isEqualTo("hello from a JVM of its own\n");
        assertThat(using.stderr()).doesNotContain("was not used");

        Files.writeString(jvm.cacheFile("hello"), "not a cache");
        Child broken = run(jvm, StageJvm.Cache.USE, List.of());
        assertThat(broken.exitStatus()).as("a cache the JVM rejects never fails the run").isZero();
        assertThat(broken.stdout()).isEqualTo("hello from a JVM of its own\n");
        assertThat(broken.stderr().lines().filter(line -> !line.isBlank()))
                .singleElement().asString().startsWith("(the AOT cache target/jvm/aot/hello-jdk").contains("was not used");
    }

    private record Child(int exitStatus, String stdout, String stderr) {
    }

    private static Child run(StageJvm jvm, StageJvm.Cache cache, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = jvm.command("hello", cache, StageJvm.ownClassPath(), jvmOptions, Hello.class.getName(), List.of());
        Process process = new ProcessBuilder(command).start();
        // Read both at once: a full pipe would stop the child.
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the child ended").isTrue();
        return new Child(process.exitValue(), stdout, stderr.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
