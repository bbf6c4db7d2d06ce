package coroutines.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import coroutines.command.StageCommand;
import coroutines.generators.ContinuationGenerator;
import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Stage;
import coroutines.testkit.StageContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 keeps the contract of every stage, and shows what only it does: four coroutines in
 * flight at once on one selector loop, the article's lines, one thread running at a time, a bug's
 * stack trace that runs through the request's own coroutines, and the wait_future demo in the docs.
 */
class TaskClientTest extends StageContract {

    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(20);

    TaskClientTest() {
        super(TaskStage.STAGE, Requests.IN_FLIGHT_TOGETHER, JShellSessions.SHOWN);
    }

    /** Runs this stage against its own local hosts; {@code failIn} names the host whose read coroutine throws, or null. */
    private static StageRun runWith(LocalHosts.Builder builder, String failIn) throws IOException {
        try (LocalHosts hosts = builder.start()) {
            StageRun run = StageRun.capturing(hosts.targets(), StageRun.Settings.withTimeout(GENEROUS).failIn(failIn));
            run.execute(TaskStage.STAGE.client(), true);
            return run;
        }
    }

    @Nested
    class behind_the_gate {

        @Test
        void every_request_has_connected_and_sent_and_is_waiting_before_the_first_byte_of_any_answer() throws IOException {
            StageRun run = runWith(LocalHosts.builder().gate(4, GATE_TIMEOUT), null);

            int firstRead = run.events().indexOfFirst(Event.Kind.READ);
            assertThat(firstRead).isPositive();
            Map<String, List<Event.Kind>> storiesSoFar = run.events().all().subList(0, firstRead).stream()
                    .collect(Collectors.groupingBy(Event::host, Collectors.mapping(Event::kind, Collectors.toList())));
            assertThat(storiesSoFar).containsOnlyKeys(LocalHosts.ARTICLE_HOSTS).allSatisfy((host, story) ->
                    assertThat(story).as(host).containsExactly(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT));
            assertThat(run.answeredCount()).isEqualTo(4);
        }
    }

    @Nested
    class prints_what_the_article_prints {

        @Test
        void connect_success_once_per_host_and_request_success_with_the_length_the_host_sent() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(linesEqualTo(run.output(), host + " connect success")).as(host).isEqualTo(1);
                int length = hosts().responseFor(host).length;
                assertThat(linesEqualTo(run.output(), "request " + host + " success, length:" + length)).as(host).isEqualTo(1);
            }
        }

        @Test
        void the_length_of_a_several_mib_answer_too() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE), GENEROUS);

            assertThat(run.output()).contains("request github.com success, length:" + hosts().responseFor("github.com").length + "\n");
            assertThat(run.events().readsOf("github.com")).isGreaterThan(LocalHosts.HUGE_BODY_BYTES / 4096 / 2);
        }
    }

    /**
     * One thread at a time: the loop's thread runs the selector, reads every socket and ends every
     * future that wakes a coroutine; a coroutine's body runs only while the loop's thread waits for
     * it inside the Task's step: on that thread itself where the coroutines are continuations
     * (JDK 21+ with the export), on a thread of its own where they are thread-backed. A body cannot
     * say "I run now, and the loop does not" by itself, so each time a line is printed, this
     * stream looks at where the loop's thread is at that moment.
     */
    @Nested
    class one_thread_at_a_time {

        /** Who printed a line, and what the loop's thread was doing then. */
        record Seen(String line, String printedBy, List<String> loopThreadFrames) {
        }

        /** The output stream of the run: notes, for each line printed, the loop thread's stack at that moment. */
        final class Witness extends PrintStream {
            final Thread loopThread = Thread.currentThread();
            final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

            Witness() {
                super(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            }

            @Override
            public void println(String line) {
                seen.add(new Seen(line, Thread.currentThread().getName(), Arrays.stream(loopThread.getStackTrace())
                        .map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList()));
                super.println(line);
            }

            List<Seen> coroutinesLines() {
                return seen.stream().filter(printed -> printed.line().endsWith(" connect success")
                        || printed.line().matches("request \\S+ success, length:\\d+")).toList();
            }
        }

        @Test
        void every_line_a_coroutine_prints_it_prints_while_the_loop_waits_for_it_inside_the_step_of_a_future_the_loop_ended()
                throws IOException {
            Witness witness = new Witness();
            try (LocalHosts hosts = LocalHosts.builder().gate(4, GATE_TIMEOUT).start()) {
                StageRun run = new StageRun(hosts.targets(), GENEROUS, witness);
                run.execute(TaskStage.STAGE.client(), false);
                assertThat(run.answeredCount()).isEqualTo(4);
            }

            // "HOST connect success" and "request HOST success, length:N", from the coroutines' bodies.
            String loopThread = witness.loopThread.getName();
            assertThat(witness.coroutinesLines()).hasSize(8).allSatisfy(seen -> {
                if (ContinuationGenerator.available()) {
                    assertThat(seen.printedBy()).as(seen.line()).isEqualTo(loopThread);
                } else {
                    assertThat(seen.printedBy()).as(seen.line()).isNotEqualTo(loopThread);
                }
                assertThat(seen.loopThreadFrames()).as(seen.line()).containsSubsequence(
                        "coroutines.generators.Generator.send",
                        Task.class.getName() + ".step",
                        Future.class.getName() + ".setResult",
                        EventLoop.class.getName() + ".runReadyAction",
                        EventLoop.class.getName() + ".runWhileRunning",
                        TaskClient.class.getName() + ".requestAll");
            });
            // The responses: printed by the Tasks' done callbacks, on the loop's thread, once the coroutine has returned.
            assertThat(witness.seen).filteredOn(seen -> seen.line().startsWith("HTTP/1.1 301")).hasSize(4)
                    .allSatisfy(seen -> {
                        assertThat(seen.printedBy()).isEqualTo(loopThread);
                        assertThat(seen.loopThreadFrames()).doesNotContain("coroutines.generators.Generator.send");
                    });
        }

        @Test
        void the_loops_thread_starts_every_connect_and_makes_every_read() throws IOException {
            StageRun run = runAgainst(LocalHosts.builder().noLatency(), GENEROUS);

            assertThat(run.events().all())
                    .filteredOn(event -> event.kind() == Event.Kind.CONNECTING || event.kind() == Event.Kind.READ)
                    .isNotEmpty()
                    .extracting(Event::thread).containsOnly(Thread.currentThread().getName());
            // Sending is the body's own step: on the loop's thread in a continuation, else on the send coroutine's thread.
            Predicate<String> sendersThread = ContinuationGenerator.available()
                    ? Thread.currentThread().getName()::equals
                    : thread -> thread.startsWith("send ");
            assertThat(run.events().all()).filteredOn(event -> event.kind() == Event.Kind.SENT)
                    .isNotEmpty().extracting(Event::thread).allMatch(sendersThread);
        }
    }

    @Nested
    class when_a_coroutine_throws {

        @Test
        void that_host_is_reported_and_the_others_still_answer() throws IOException {
            StageRun run = runWith(LocalHosts.builder().noLatency(), "github.com");

            assertThat(run.outcome("github.com").failure())
                    .isEqualTo("IllegalStateException: a bug in read (put there by --fail-in)");
            for (String host : List.of("so1n.me", "google.com", "baidu.com")) {
                assertThat(run.outcome(host).answered()).as(host).isTrue();
            }
            assertThat(run.stageBugs()).isEmpty();
        }

        @Test
        void its_stack_trace_runs_through_the_requests_own_coroutines_then_the_task_and_the_loop() throws IOException {
            StageRun run = runWith(LocalHosts.builder().noLatency(), "github.com");

            String output = run.output();
            String trace = output.substring(output.indexOf("java.lang.IllegalStateException"), output.indexOf("\t... "));
            assertThat(trace).containsSubsequence(
                    "\tat coroutines.tasks.HttpRequest.lambda$read$",
                    "\tat coroutines.tasks.HttpRequest.lambda$readResponse$",
                    "\tat coroutines.tasks.HttpRequest.lambda$request$",
                    "\tat coroutines.tasks.Task.step(",
                    "\tat coroutines.tasks.Future.setResult(",
                    "\tat coroutines.tasks.HttpRequest.recvInto(",
                    "\tat coroutines.tasks.EventLoop.runReadyAction(",
                    "\tat coroutines.tasks.EventLoop.runWhileRunning(",
                    "\tat coroutines.tasks.TaskClient.requestAll(");
            // Where stage 3's trace began in the loop, this one begins in the request: but the
            // host's name is still only in the line above, from the Task's done callback.
            assertThat(trace).doesNotContain("github.com");
        }

        @Test
        void can_be_made_to_happen_from_the_command_line_and_is_forgotten_by_the_next_run() {
            Stage stage = TaskStage.STAGE;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);

            int failing = StageCommand.execute(stage, printer, printer,
                    new String[] {"--fail-in", "google.com", "--no-timeline"}).status();
            String firstRun = out.toString(StandardCharsets.UTF_8);
            int next = StageCommand.execute(stage, printer, printer, new String[] {"--no-timeline"}).status();

            assertThat(firstRun).contains("google.com failed: IllegalStateException: a bug in read (");
            assertThat(failing).isEqualTo(1);
            assertThat(lastLine(out.toString(StandardCharsets.UTF_8))).startsWith("4 of 4 hosts answered in ");
            assertThat(next).isZero();
        }
    }

    @Nested
    class in_the_readme {

        private final Pattern excerptMarker = Pattern.compile("^<!-- excerpt: (\\S+) -->$");

        @Test
        void every_code_excerpt_is_still_the_code_of_the_file_it_names() throws IOException {
            List<String> readme = Files.readAllLines(Path.of("README.md"));
            int checked = 0;
            for (int i = 0; i < readme.size(); i++) {
                Matcher marker = excerptMarker.matcher(readme.get(i));
                if (!marker.matches()) {
                    continue;
                }
                List<String> excerpt = new ArrayList<>();
                for (int line = i + 2; !readme.get(line).startsWith("```"); line++) {
                    excerpt.add(readme.get(line).strip());
                }
                List<String> source = Files.readAllLines(Path.of(marker.group(1))).stream().map(String::strip).toList();
                assertThat(Collections.indexOfSubList(source, excerpt))
                        .as("README.md:%d: the excerpt of %s is no longer in it", i + 1, marker.group(1)).isNotNegative();
                checked++;
            }
            // At least one: a student copy leaves out the excerpt that shows exercise 5.5's answer.
            assertThat(checked).as("excerpts checked").isPositive();
        }

        @Test
        void the_articles_wait_future_demo_is_shown_with_the_cancelled_tasks_trace_from_the_wait_to_the_cancel()
                throws IOException {
            // The contract types every session in the README into JShell and compares; this checks
            // that the article's demo is among them, with what it is there to show.
            String readme = Files.readString(Path.of("README.md"));
            // The trace's frames are the reference's way of writing cancel (exercise 5.4), so a
            // student copy leaves the session out, and says so in its place.
            assumeFalse(readme.contains("the reference code of exercise 5.4,"),
                    "this copy leaves out the session that runs exercise 5.4's reference code");

            assertThat(readme).contains("<!-- jshell: stage5-tasks-futures -->\n```jshell\n")
                    .contains("jshell> future.setResult(\"ok\")\n0 ok\n1 ok\n2 ok\n")
                    .containsPattern(Pattern.compile("\\|  Exception java.util.concurrent.CancellationException: Task.cancel\\(\\) was called\n"
                            + "\\|        at Future\\$UntilDone.resume .*"
                            + "\\|        at lambda\\$waitFuture\\$0 \\(#1:3\\)\n.*"
                            + "\\|        at Task.step .*\n"
                            + "\\|        at Task.cancel .*\n"
                            + "\\|        at \\(#8:1\\)\n", Pattern.DOTALL));
        }
    }
}
