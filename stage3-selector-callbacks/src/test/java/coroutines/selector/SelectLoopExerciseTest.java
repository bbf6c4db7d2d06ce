package coroutines.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 3.2: {@link EventLoop#runWhileRunning}, the article's
 * {@code while running_cnt > 0: for key, mask in selector.select(): key.data()}, with a deadline
 * on every wait. The callbacks are the test's, on loopback sockets whose other end the test
 * writes to, so the test decides when each socket is ready. The loop must run a callback only
 * when its socket is ready, once per readiness; count each return of {@code select} as one
 * wake-up; sleep while nothing is ready (judged by the CPU time and the wake-ups of the loop's
 * thread, as the operating system counts them); fail a wait at its deadline, also while other
 * sockets keep the loop busy; and return once no request runs.
 */
@Tag("exercise")
@Tag("exercise-3.2")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class SelectLoopExerciseTest extends OnLocalSockets {

    private static final Duration BOUND = Duration.ofSeconds(6);
    private static final String DID_NOT_RETURN = "runWhileRunning did not return: a select that never wakes"
            + " (no timeout), an expired wait never failed, or a loop that never ends";

    /** Each request reads what its peer sends and passes the turn on; they take 6 turns, then both peers close. */
    @Test
    void runs_each_callback_when_its_socket_is_ready_and_only_then() throws Exception {
        runOver(Duration.ofSeconds(5), "so1n.me", "github.com");
        Pair[] pairs = {pair(), pair()};
        String[] names = {"so1n.me", "github.com"};
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int[] turns = {0};
        try (EventLoop loop = new EventLoop(run)) {
            SelectionKey[] keys = new SelectionKey[2];
            for (int i = 0; i < 2; i++) {
                int me = i;
                int other = 1 - i;
                keys[me] = loop.startRequest(pairs[me].client(), SelectionKey.OP_READ, target(names[me]), () -> {
                    int length = pairs[me].client().read(ByteBuffer.allocate(64));
                    if (length == 0) {
                        seen.add(names[me] + ": callback run with nothing to read");
                    } else if (length < 0) {
                        seen.add(names[me] + ": end");
                        loop.endRequest(keys[me]);
                    } else {
                        seen.add(names[me] + ": read");
                        if (++turns[0] < 6) {
                            pairs[other].peerSends("your turn");
                        } else {
                            pairs[0].peer().close();
                            pairs[1].peer().close();
                        }
                    }
                });
            }
            pairs[0].peerSends("your turn");

            LoopThread.run(loop::runWhileRunning, BOUND, () -> close(loop), DID_NOT_RETURN);

            assertThat(seen).as("what the callbacks saw, in order (each read makes only the other socket ready)")
                    .startsWith("so1n.me: read", "github.com: read", "so1n.me: read", "github.com: read", "so1n.me: read", "github.com: read")
                    .hasSize(8)
                    .contains("so1n.me: end", "github.com: end");
            assertThat(loop.callbacks).as("callbacks the loop says it ran (runCallback counts them), for %d the test saw", seen.size())
                    .isEqualTo(seen.size());
            assertThat(loop.wakeUps).as("wake-ups counted: one for each return of select, here one per turn and one or two for the ends")
                    .isBetween(7L, 8L);
        }
    }

    @Test
    void counts_sockets_ready_together_as_one_wake_up() throws Exception {
        runOver(Duration.ofSeconds(5), "so1n.me", "github.com", "google.com");
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        try (EventLoop loop = new EventLoop(run)) {
            // A connected socket can be written at once: all three are ready at the first select.
            for (String host : List.of("so1n.me", "github.com", "google.com")) {
                SelectionKey[] key = new SelectionKey[1];
                key[0] = loop.startRequest(pair().client(), SelectionKey.OP_WRITE, target(host), () -> {
                    called.add(host);
                    loop.endRequest(key[0]);
                });
            }

            LoopThread.run(loop::runWhileRunning, BOUND, () -> close(loop), DID_NOT_RETURN);

            assertThat(called).as("callbacks run").containsExactlyInAnyOrder("so1n.me", "github.com", "google.com");
            assertThat(loop.wakeUps).as("wake-ups counted for one select that found three sockets ready").isEqualTo(1);
            assertThat(loop.callbacks).as("callbacks the loop says it ran").isEqualTo(3);
        }
    }

    @Test
    void a_callback_that_throws_fails_its_request_and_the_loop_goes_on() throws Exception {
        runOver(Duration.ofSeconds(5), "so1n.me", "github.com");
        Pair broken = pair();
        Pair fine = pair();
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        try (EventLoop loop = new EventLoop(run)) {
            loop.startRequest(broken.client(), SelectionKey.OP_WRITE, target("so1n.me"), () -> {
                throw new IllegalStateException("a bug in the test's callback, on purpose");
            });
            startReading(loop, fine, "github.com", answered);
            fine.peerSends("hello");
            fine.peer().close();

            LoopThread.run(loop::runWhileRunning, BOUND, () -> close(loop), DID_NOT_RETURN);

            assertThat(run.outcome("so1n.me")).as("how so1n.me, whose callback threw, was reported").isNotNull();
            assertThat(run.outcome("so1n.me").failure()).as("so1n.me's failure").contains("IllegalStateException");
            assertThat(answered).as("requests that read to the end").containsExactly("github.com");
        }
    }

    @Test
    void sleeps_while_a_host_is_silent_and_fails_it_at_its_deadline() throws Exception {
        Duration timeout = Duration.ofMillis(1500);
        runOver(timeout, "google.com", "baidu.com");
        Pair silent = pair();
        Pair answering = pair();
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        try (EventLoop loop = new EventLoop(run)) {
            startReading(loop, silent, "google.com", answered);
            startReading(loop, answering, "baidu.com", answered);
            answering.peerSends("hello");
            answering.peer().close();

            LoopThread.Cost cost = LoopThread.run(loop::runWhileRunning, BOUND, () -> close(loop), DID_NOT_RETURN);

            assertThat(answered).as("requests that read to the end").containsExactly("baidu.com");
            assertThat(run.outcome("google.com")).as("how the silent google.com was reported (its wait expired: failExpiredWaits)").isNotNull();
            assertThat(run.outcome("google.com").failure()).as("the silent google.com's failure").startsWith("timed out");
            assertThat(loop.wakeUps).as("wake-ups counted: a select that returns at the deadline is one too").isPositive();
            assertThat(cost.cpuMillis())
                    .as("CPU ms the loop's thread used over a %d ms wait on a silent host: a loop that spins (selectNow, or a"
                            + " select that returns at once) burns it; one asleep in select until the deadline does not", timeout.toMillis())
                    .isLessThan(50);
            if (cost.wakeUps() >= 0) {
                assertThat(cost.wakeUps())
                        .as("times the kernel woke the loop's thread over a %d ms wait on a silent host: a select timeout much"
                                + " shorter than the nearest deadline wakes it again and again", timeout.toMillis())
                        .isLessThan(40);
            }
        }
    }

    @Test
    void fails_a_silent_host_at_its_deadline_while_another_keeps_the_loop_busy() throws Exception {
        runOver(Duration.ofMillis(600), "google.com", "baidu.com");
        Pair silent = pair();
        Pair busy = pair();
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        List<String> busySaw = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean giveUp = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (EventLoop loop = new EventLoop(run)) {
            startReading(loop, silent, "google.com", answered);
            SelectionKey[] busyKey = new SelectionKey[1];
            // baidu.com's socket is never without a byte to read: each callback takes one, and its peer sends one more.
            busyKey[0] = loop.startRequest(busy.client(), SelectionKey.OP_READ, target("baidu.com"), () -> {
                if (busy.client().read(ByteBuffer.allocate(1)) <= 0) {
                    return;
                }
                if (run.outcome("google.com") != null) {
                    busySaw.add("google.com reported");
                    loop.endRequest(busyKey[0]);
                } else if (giveUp.get()) {
                    busySaw.add("gave up waiting for google.com to be failed");
                    loop.endRequest(busyKey[0]);
                } else {
                    busy.peerSends(".");
                }
            });
            busy.peerSends(".");
            timer.schedule(() -> giveUp.set(true), 3, TimeUnit.SECONDS); // five times google.com's timeout

            LoopThread.run(loop::runWhileRunning, BOUND, () -> close(loop), DID_NOT_RETURN);

            assertThat(busySaw).as("what baidu.com, always ready to read, saw: was the silent google.com failed at its"
                    + " 600 ms deadline, though select never came back empty?").containsExactly("google.com reported");
            assertThat(run.outcome("google.com").failure()).as("the silent google.com's failure").startsWith("timed out");
        } finally {
            timer.shutdownNow();
        }
    }

    /** The callback reads until the end of the stream, then ends the request and counts it as answered. */
    private void startReading(EventLoop loop, Pair pair, String host, List<String> answered) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        SelectionKey[] key = new SelectionKey[1];
        key[0] = loop.startRequest(pair.client(), SelectionKey.OP_READ, target(host), () -> {
            chunk.clear();
            if (pair.client().read(chunk) == -1) {
                loop.endRequest(key[0]);
                answered.add(host);
            }
        });
    }

    /** Closes the loop's selector: a loop blocked in select wakes, and its next select throws. */
    private static void close(EventLoop loop) {
        try {
            loop.close();
        } catch (IOException ignored) {
            // the test fails anyway
        }
    }
}
