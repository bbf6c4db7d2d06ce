package coroutines.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands and ./run's say what they are doing and why they stop: a first run that
 * downloads says so although -q hides Maven's lines, and every way into stage 6 on an old JDK gives one reason.
 * The READMEs name the Maven the wrapper brings, the one that is quiet on JDK 24+.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuietToolsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ANNOUNCE = ROOT.resolve(".mvn/wrapper/announce-downloads.sh");
    private static final String DOWNLOADING_PLUGINS = "Maven is downloading the plugins and libraries this build needs";
    private static final String DOWNLOADING_MAVEN = "The Maven Wrapper is downloading Maven";

    @TempDir
    Path temp;

    /** What a command printed on stderr, and its exit status. */
    record Result(int status, String stderr) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the wrapper's and ./run's scripts need a POSIX shell");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The scripts' java is this test's JDK; the user's Maven options must not change what they decide.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), stderr.strip());
    }

    private Result announce(Path mavenHome, String... mavenArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", ANNOUNCE.toString(), mavenHome.toString()));
        command.addAll(List.of(mavenArgs));
        return run(command);
    }

    /** A local repository that holds the compiler plugin pom.xml pins, as one does after a first build. */
    private Path repositoryAfterAFirstBuild() throws IOException {
        Matcher pin = Pattern.compile("<compiler.plugin.version>(.+)</compiler.plugin.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pin.find()).as("pom.xml pins the compiler plugin").isTrue();
        Path repository = temp.resolve("warm-repository");
        Files.createDirectories(repository.resolve("org/apache/maven/plugins/maven-compiler-plugin/" + pin.group(1)));
        return repository;
    }

    @Test
    void a_quiet_first_run_says_that_maven_is_downloading() throws Exception {
        Path emptyRepository = Files.createDirectories(temp.resolve("empty-repository"));

        Result result = announce(temp, "-q", "compile", "-Ptour", "-Dmaven.repo.local=" + emptyRepository);

        assertThat(result.stderr()).startsWith(DOWNLOADING_PLUGINS).doesNotContain(DOWNLOADING_MAVEN);
        assertThat(result.status()).isZero();
    }

    @Test
    void a_later_run_an_offline_run_and_a_run_without_q_add_nothing() throws Exception {
        Path warm = repositoryAfterAFirstBuild();
        Path empty = Files.createDirectories(temp.resolve("empty-repository"));

        assertThat(announce(temp, "-q", "compile", "-Ptour", "-Dmaven.repo.local=" + warm).stderr()).isEmpty();
        assertThat(announce(temp, "-q", "-o", "compile", "-Dmaven.repo.local=" + empty).stderr()).isEmpty();
        assertThat(announce(temp, "-B", "-ntp", "test", "-Dmaven.repo.local=" + empty).stderr()).isEmpty();
    }

    @Test
    void a_first_run_without_maven_says_that_the_wrapper_is_downloading_it() throws Exception {
        Result result = announce(temp.resolve("no-maven-here"), "-v");

        assertThat(result.stderr()).startsWith(DOWNLOADING_MAVEN);
    }

    @Test
    void mvnw_announces_before_maven_starts() throws Exception {
        Path emptyRepository = Files.createDirectories(temp.resolve("empty-repository"));

        // -v downloads nothing: the test stays off the network, and the note shows the wrapper runs the script.
        Result result = run(List.of(ROOT.resolve("mvnw").toString(), "-q", "-v", "-Dmaven.repo.local=" + emptyRepository));

        assertThat(result.stderr()).startsWith(DOWNLOADING_PLUGINS);
        assertThat(result.status()).isZero();
    }

    @Test
    void both_readmes_name_the_maven_the_wrapper_brings() throws IOException {
        Matcher url = Pattern.compile("apache-maven-([0-9.]+)-bin\\.zip")
                .matcher(Files.readString(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")));
        assertThat(url.find()).as("the wrapper's distributionUrl names a Maven version").isTrue();

        for (String readme : List.of("README.md", "README.zh.md")) {
            Matcher named = Pattern.compile("Maven\\s+(\\d+\\.\\d+\\.\\d+)").matcher(Files.readString(ROOT.resolve(readme)));
            List<String> versions = new ArrayList<>();
            while (named.find()) {
                versions.add(named.group(1));
            }
            assertThat(versions).as("the Maven versions %s names", readme).isNotEmpty().containsOnly(url.group(1));
        }
    }

    @Test
    void run_jshell_6_on_a_jdk_before_21_says_what_run_6_says() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "stage 6 builds on this JDK");
        String expected = "stage 6 needs JDK 21 or newer, and this is JDK " + Runtime.version().feature()
                + ": set JAVA_HOME to a newer JDK";

        Result jshell = run(List.of("bash", ROOT.resolve("run").toString(), "jshell", "6"));
        Result stage = run(List.of("bash", ROOT.resolve("run").toString(), "6"));

        assertThat(stage).isEqualTo(new Result(2, expected));
        assertThat(jshell).isEqualTo(stage);
    }
}
