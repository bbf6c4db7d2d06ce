package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import coroutines.testkit.SlowReadingPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.3: {@code Request.connected} and {@code Request.sendRequest}, the article's
 * {@code connected} callback, which sends the request and registers {@code read_response} for
 * the answer. The loop (3.1, 3.2) and {@code readResponse} are the stage's. The tests check that
 * every host answers byte for byte with the article's lines, each step recorded once; that all
 * requests are sent before any answer comes back; that the loop sleeps while the hosts are slow
 * (judged by the client's CPU time and by the callbacks the loop ran); that a refused host is
 * reported once and alone; and that a request far larger than any socket buffer is sent whole,
 * a part at a time, without holding up the other requests.
 */
@Tag("exercise")
@Tag("exercise-3.3")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RequestCallbacksExerciseTest {

    // Each wait may last this long: far more than a local host needs, short enough that a request left waiting fails in time.
    private static final StageRun.Settings SETTINGS = StageRun.Settings.withTimeout(Duration.ofSeconds(3)).maxTime(Duration.ofSeconds(6));
    // Larger than any socket buffer here (the kernel's send buffer tops out at 4 MiB): a write takes only part of it.
    private static final int LARGE_REQUEST = 8 * 1024 * 1024;
    private static final byte[] SMALL_ANSWER = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern COUNTS = Pattern.compile("select\\(\\) woke the loop (\\d+) times; it ran (\\d+) callbacks");

    @Test
    void every_host_answers_byte_for_byte_with_the_articles_lines_in_between() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.HUGE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(SelectorStage.STAGE.client(), false);

            assertThat(run.stageBugs()).as("what the run saw the stage do wrong (a request reported twice, or never)").isEmpty();
            for (String host : LocalHosts.ARTICLE_HOSTS) {
                assertThat(run.outcome(host).failure()).as("%s was not answered; the run's output:%n%s", host, run.output()).isNull();
                ByteText.assertSameBytes(host + "'s response", run.outcome(host).response(), hosts.responseFor(host));
                assertThat(run.output().lines().filter((host + " connect success")::equals))
                        .as("lines \"%s connect success\" printed with run.out()", host).hasSize(1);
                assertThat(run.events().kindsOf(host)).as("what was recorded for %s, in order", host)
                        .startsWith(Event.Kind.CONNECTING, Event.Kind.CONNECTED, Event.Kind.SENT).endsWith(Event.Kind.END);
                assertThat(run.events().kindsOf(host)).as("what was recorded for %s: connected and sent once each", host)
                        .containsOnlyOnce(Event.Kind.CONNECTED, Event.Kind.SENT);
            }
            assertThat(hosts.requestsReceived()).as("the requests the hosts received")
                    .contains("GET http://so1n.me HTTP/1.0\r\nHost: so1n.me\r\n\r\n");
        }
    }

    @Test
    void sends_every_request_before_any_answer_comes_back_behind_the_gate() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().gate(4, Duration.ofSeconds(5)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(SelectorStage.STAGE.client(), false);

            assertThat(run.answeredCount()).as("hosts answered; the run's output:%n%s", run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).as("where the last request was sent, among all events")
                    .isLessThan(run.events().indexOfFirst(Event.Kind.READ));
        }
    }

    @Test
    void the_loop_sleeps_while_the_hosts_are_slow_instead_of_spinning() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().latency("so1n.me", Duration.ofMillis(2000)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(SelectorStage.STAGE.client(), false);

            assertThat(run.answeredCount()).as("hosts answered; the run's output:%n%s", run.output()).isEqualTo(4);
            long events = run.events().all().stream().filter(event -> List.of(Event.Kind.CONNECTED, Event.Kind.SENT, Event.Kind.READ)
                    .contains(event.kind())).count();
            Matcher counts = COUNTS.matcher(run.output());
            assertThat(counts.find()).as("the loop printed its counts; the run's output:%n%s", run.output()).isTrue();
            long wakeUps = Long.parseLong(counts.group(1));
            long callbacks = Long.parseLong(counts.group(2));
            assertThat(callbacks).as("callbacks the loop ran for %d steps (connected, sent, read): a key that waits for"
                    + " more than its next step (OP_WRITE with the read) is ready at every select", events).isLessThanOrEqualTo(events + 4);
            assertThat(run.clientCpuMillis()).as("CPU ms the client used while so1n.me took 2000 ms to answer: a loop"
                    + " that sleeps in select uses little; one whose keys are always ready spins").isLessThan(150);
            assertThat(wakeUps).as("select() returns for %d callbacks: a key still waiting for OP_CONNECT after the"
                    + " connect makes every select return at once", callbacks).isLessThanOrEqualTo(callbacks + 4);
        }
    }

    @Test
    void a_refused_host_is_reported_once_and_the_others_answer() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("baidu.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), SETTINGS);

            run.execute(SelectorStage.STAGE.client(), false);

            assertThat(run.stageBugs()).as("what the run saw the stage do wrong (a request reported twice, or never)").isEmpty();
            assertThat(run.outcome("baidu.com").failure()).as("how baidu.com, which refuses, was reported").startsWith("connection refused");
            assertThat(run.output()).as("the output, for a connect that failed").doesNotContain("baidu.com connect success");
            for (String host : List.of("so1n.me", "github.com", "google.com")) {
                assertThat(run.outcome(host).failure()).as("%s was not answered; the run's output:%n%s", host, run.output()).isNull();
                ByteText.assertSameBytes(host + "'s response", run.outcome(host).response(), hosts.responseFor(host));
            }
        }
    }

    @Test
    void a_request_larger_than_the_socket_takes_is_sent_whole_a_part_at_a_time() throws Exception {
        byte[] request = SlowReadingPeer.filler(LARGE_REQUEST);
        try (SlowReadingPeer peer = SlowReadingPeer.start(request.length, SMALL_ANSWER)) {
            StageRun run = StageRun.capturing(List.of(peer.target("so1n.me")), SETTINGS);
            Target target = run.targets().get(0);
            try (EventLoop loop = new EventLoop(run)) {
                new Request(target, run, loop, request).start();

                LoopThread.run(loop::runWhileRunning, Duration.ofSeconds(14), () -> closeQuietly(peer, loop),
                        "the loop did not end after sending 8 MiB to a peer that reads them all");

                ByteText.assertSameBytes("what the peer received of the 8 MiB request", peer.received(Duration.ofSeconds(1)), request);
                assertThat(run.outcome(target).failure()).as("so1n.me was not answered; the run's output:%n%s", run.output()).isNull();
                ByteText.assertSameBytes("so1n.me's response", run.outcome(target).response(), SMALL_ANSWER);
                assertThat(run.events().kindsOf(target)).as("what was recorded for so1n.me: connected once, and sent once, when all was sent")
                        .containsOnlyOnce(Event.Kind.CONNECTED, Event.Kind.SENT);
                assertThat(run.output().lines().filter("so1n.me connect success"::equals))
                        .as("lines \"so1n.me connect success\": the connect is done once, however many writes the request takes").hasSize(1);
                long reads = run.events().kindsOf(target).stream().filter(Event.Kind.READ::equals).count();
                assertThat(loop.callbacks - reads).as("callbacks that wrote: no socket here takes 8 MiB at once, so"
                        + " sendRequest must run again on OP_WRITE; one callback that wrote it all waited inside itself").isGreaterThan(1);
            }
        }
    }

    @Test
    void a_host_that_never_reads_times_out_alone_while_the_others_answer() throws Exception {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.DEAF).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), StageRun.Settings.withTimeout(Duration.ofMillis(1500)).maxTime(Duration.ofSeconds(6)));
            try (EventLoop loop = new EventLoop(run)) {
                for (Target target : run.targets()) {
                    if (target.host().equals("so1n.me")) {
                        new Request(target, run, loop, SlowReadingPeer.filler(LARGE_REQUEST)).start();
                    } else {
                        new Request(target, run, loop).start();
                    }
                }

                LoopThread.run(loop::runWhileRunning, Duration.ofSeconds(8), hosts::close,
                        "the loop did not end, 8 s into a run whose every wait ends after 1.5 s: does a callback wait"
                                + " (write again and again until all is sent) instead of waiting for OP_WRITE?");

                assertThat(run.outcome("so1n.me").failure()).as("how so1n.me, which never reads the 8 MiB request, was reported")
                        .startsWith("timed out");
                for (String host : List.of("github.com", "google.com", "baidu.com")) {
                    assertThat(run.outcome(host).failure()).as("%s was not answered; the run's output:%n%s", host, run.output()).isNull();
                }
            }
        }
    }

    /** Closes the peer and the loop (and so the client's socket), so that a loop that hangs can end. */
    private static void closeQuietly(SlowReadingPeer peer, EventLoop loop) {
        try {
            peer.close();
            loop.close();
        } catch (IOException ignored) {
            // the test fails anyway
        }
    }
}
