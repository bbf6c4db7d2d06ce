package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./run watch} driven as a student drives it: a save checks the current exercise again, a
 * passing one moves on, "h" gives the next hint, "q" stops; saves of build output do not count. The
 * checks are stand-ins that answer as the test says, so what is tested is the watching.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchTest {

    @TempDir
    Path root;

    private final Catalogue catalogue = Catalogue.parse(CatalogueTest.TWO_EXERCISES, "test");
    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);
    /** What each exercise's check says now; the test changes it as the student's code would change. */
    private final Map<String, Checker.State> states = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The exercises checked, in order, one entry per check. */
    private final List<String> checked = Collections.synchronizedList(new ArrayList<>());
    private PipedOutputStream keys;
    private CompletableFuture<Integer> watching;

    @AfterEach
    void stop() throws IOException {
        if (watching != null && !watching.isDone()) {
            keys.write("q\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            watching.orTimeout(20, TimeUnit.SECONDS).join();
        }
    }

    private Map<String, Checker.Result> check(List<Catalogue.Exercise> exercises) {
        Map<String, Checker.Result> results = new LinkedHashMap<>();
        for (Catalogue.Exercise exercise : exercises) {
            checked.add(exercise.id());
            Checker.State state = states.getOrDefault(exercise.id(), Checker.State.NOT_STARTED);
            List<Checker.Failure> failures = state == Checker.State.FAILING
                    ? List.of(new Checker.Failure("reads every chunk", "expected 3 but was 2", null)) : List.of();
            results.put(exercise.id(), new Checker.Result(exercise, state, 2, failures,
                    state == Checker.State.NOT_STARTED ? "the stub is still in A.java" : null));
        }
        return results;
    }

    private void start(String pollingReason) throws IOException {
        Files.writeString(root.resolve("A.java"), "class A {}\n");
        Files.createDirectories(root.resolve("target"));
        PipedInputStream input = new PipedInputStream();
        keys = new PipedOutputStream(input);
        Watch watch = new Watch(root, catalogue, out, Lang.EN, this::check);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        watching = CompletableFuture.supplyAsync(() -> {
            try {
                return watch.run(input, pollingReason);
            } catch (Exception e) {
                failed.set(e);
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits, bounded, until the output holds {@code text} {@code times} times. */
    private void awaitPrinted(String text, int times) throws InterruptedException {
        for (int i = 0; i < 400 && count(text) < times; i++) {
            Thread.sleep(50);
        }
        assertThat(count(text)).as("times watch printed '%s', in:%n%s", text, printed).isGreaterThanOrEqualTo(times);
    }

    private int count(String text) {
        String all = printed.toString();
        int n = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    private void type(String line) throws IOException {
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file events", "polling"})
    void a_save_checks_the_exercise_again_and_a_pass_moves_on_to_the_next(String how) throws Exception {
        states.put("1.1", Checker.State.FAILING);
        start(how.equals("polling") ? "a test asked for it" : null);
        awaitPrinted("Save a file", 1);
        assertThat(printed.toString()).contains(how.equals("polling") ? "by polling, looking at them every" : "file events")
                .contains("Exercise 1.1: Read it").contains("Failing");

        states.put("1.1", Checker.State.DONE);
        Files.writeString(root.resolve("A.java"), "class A { int fixed; }\n");

        awaitPrinted("Exercise 1.2: Send it", 1);
        assertThat(printed.toString()).contains("A.java saved: checking exercise 1.1").contains("Passed");
        type("q");
        assertThat(watching.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(printed.toString()).endsWith("Stopped watching." + System.lineSeparator());
    }

    @Test
    void h_gives_the_next_hint_each_time_and_remembers_it_for_hint() throws Exception {
        start(null);
        awaitPrinted("Save a file", 1);

        type("h");
        awaitPrinted("Hint 1 of 2 for exercise 1.1: first", 1);
        type("h");
        awaitPrinted("Hint 2 of 2 for exercise 1.1: second", 1);
        awaitPrinted("That is the last hint", 1); // a line of its own, printed after the hint
        assertThat(Classroom.HintCommand.seen(root).getProperty("1.1")).isEqualTo("2");
    }

    @Test
    void build_output_and_editor_swap_files_are_not_saves_of_the_copy() throws Exception {
        states.put("1.1", Checker.State.FAILING);
        start(null);
        awaitPrinted("Save a file", 1);
        int checksBefore = checked.size();

        Files.writeString(root.resolve("target/A.class"), "compiled");
        Files.writeString(root.resolve(".A.java.swp"), "vim");
        Files.writeString(root.resolve("A.java"), "class A { int tried; }\n");
        awaitPrinted("saved: checking exercise 1.1", 1);
        type("q");
        watching.get(20, TimeUnit.SECONDS);

        assertThat(printed.toString()).doesNotContain("target").doesNotContain(".swp");
        assertThat(checked.subList(checksBefore, checked.size())).containsExactly("1.1");
    }

    @Test
    void with_every_exercise_done_there_is_nothing_to_watch() throws Exception {
        states.put("1.1", Checker.State.DONE);
        states.put("1.2", Checker.State.DONE);
        start(null);

        assertThat(watching.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(printed.toString()).contains("Every exercise is done");
    }

    @Test
    void an_unknown_key_is_named_and_watching_goes_on() throws Exception {
        start(null);
        awaitPrinted("Save a file", 1);

        type("x");

        awaitPrinted("Unknown key 'x'", 1);
        assertThat(watching).isNotDone();
    }

    @Test
    void polling_is_chosen_when_asked_and_named_with_its_reason() throws IOException {
        assertThat(Watch.pollingReason(root, true, Lang.EN)).isEqualTo("--poll was given");
        assertThat(Watch.pollingReason(root, true, Lang.ZH)).contains("--poll");
    }
}
