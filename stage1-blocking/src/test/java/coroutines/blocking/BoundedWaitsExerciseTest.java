package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 1.2: {@link BlockingClient#connectWithin}, a connect and reads that give up. The tests
 * connect to a local host, to a host that never accepts the connect and to one that never answers,
 * and check that each wait ends after the timeout given, with the exception the socket gave. A
 * wait that is not bounded is ended by the test's own limit, a few seconds, and fails the test.
 */
@Tag("exercise")
@Tag("exercise-1.2")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class BoundedWaitsExerciseTest {

    private static final Duration SHORT = Duration.ofMillis(500);

    /** How long a wait bounded by {@link #SHORT} may take here, at most: far more than it needs. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void connects_to_the_address_the_target_resolves_to() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency());
        Target target = target(hosts, "so1n.me");

        Socket sock = opened(new Socket());
        BlockingClient.connectWithin(sock, target, SHORT);

        assertThat(sock.isConnected()).as("the socket is connected when connectWithin returns").isTrue();
        assertThat(sock.getRemoteSocketAddress()).as("where the socket is connected: the address target.resolve() gives")
                .isEqualTo(target.resolve());
    }

    @Test
    void a_read_from_a_host_that_never_answers_gives_up_after_the_timeout() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency().fault("github.com", Fault.SILENT));

        Socket sock = opened(new Socket());
        BlockingClient.connectWithin(sock, target(hosts, "github.com"), SHORT);
        assertThat(sock.isConnected()).as("the socket is connected when connectWithin returns").isTrue();
        InputStream in = sock.getInputStream();

        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(BOUND, () -> in.read(),
                "a read from a host that never answers, on the socket connectWithin set up with a timeout of 500 ms, "
                        + "was still waiting after " + BOUND.toSeconds() + " s: every later read must give up after the timeout"));
        if (thrown instanceof AssertionError unbounded) {
            throw unbounded;
        }
        assertThat(thrown).as("what a read from a host that never answers throws after the timeout")
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void every_read_gives_up_after_the_timeout_given_not_another() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency());

        Socket sock = opened(new Socket());
        BlockingClient.connectWithin(sock, target(hosts, "so1n.me"), Duration.ofMillis(1234));

        assertThat(sock.getSoTimeout()).as("the socket's read timeout (SO_TIMEOUT, in milliseconds) after connectWithin "
                + "was given a timeout of 1234 ms").isEqualTo(1234);
    }

    @Test
    void a_connect_that_is_never_accepted_gives_up_after_the_timeout() throws IOException {
        // A listening socket whose accept queue is full: the OS drops further connects, so they wait.
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        toClose.add(server);
        boolean queueFull = false;
        for (int i = 0; i < 16 && !queueFull; i++) {
            Socket filler = new Socket();
            toClose.add(filler);
            try {
                filler.connect(server.getLocalSocketAddress(), 300);
            } catch (SocketTimeoutException dropped) {
                queueFull = true;
            }
        }
        assumeTrue(queueFull, "the test's own set-up: this OS accepts every connect to a full queue, so a connect that waits cannot be made here");
        Target target = new Target("so1n.me", (InetSocketAddress) server.getLocalSocketAddress());

        Socket sock = opened(new Socket());

        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(BOUND,
                () -> BlockingClient.connectWithin(sock, target, SHORT),
                "connectWithin, given a timeout of 500 ms, was still connecting to a host that never accepts after "
                        + BOUND.toSeconds() + " s: the connect must give up after the timeout"));
        if (thrown instanceof AssertionError unbounded) {
            throw unbounded;
        }
        assertThat(thrown).as("what connectWithin throws when the connect is never accepted within the timeout")
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void a_refused_connect_is_the_connect_exception_the_os_gave() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency().fault("google.com", Fault.REFUSE));

        Socket sock = opened(new Socket());

        Throwable thrown = catchThrowable(() -> BlockingClient.connectWithin(sock, target(hosts, "google.com"), SHORT));

        assertThat(thrown).as("what connectWithin throws for a host whose connect is refused: the socket's own exception, "
                        + "which the run reports as \"connection refused\"")
                .isInstanceOf(ConnectException.class);
    }

    private LocalHosts started(LocalHosts.Builder builder) throws IOException {
        LocalHosts hosts = builder.start();
        toClose.add(hosts);
        return hosts;
    }

    private Socket opened(Socket sock) {
        toClose.add(sock);
        return sock;
    }

    private static Target target(LocalHosts hosts, String host) {
        return hosts.targets().stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
    }
}
