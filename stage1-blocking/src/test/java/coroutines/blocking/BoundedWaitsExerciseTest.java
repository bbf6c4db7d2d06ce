package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Exercise 1.2: {@link BlockingClient#connectWithin}, a connect and reads that give up. A wait
 * that is not bounded hangs the test; its timeout runs the test on a thread of its own, so that
 * such a hang fails the test instead of blocking the build.
 *
 * <p>Wrong answers these tests catch: {@code connect} without its timeout (waits for the OS, a
 * minute or more); no {@code setSoTimeout} (a silent host blocks the read forever); the socket
 * left unconnected; a refused connect turned into something else.
 */
@Tag("exercise")
@Tag("exercise-1.2")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedWaitsExerciseTest {

    private static final Duration SHORT = Duration.ofMillis(500);

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

        assertThat(sock.isConnected()).isTrue();
        assertThat(sock.getRemoteSocketAddress()).isEqualTo(target.resolve());
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void a_read_from_a_host_that_never_answers_gives_up_after_the_timeout() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency().fault("github.com", Fault.SILENT));

        Socket sock = opened(new Socket());
        BlockingClient.connectWithin(sock, target(hosts, "github.com"), SHORT);
        InputStream in = sock.getInputStream();

        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
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
        assumeTrue(queueFull, "this OS accepts every connect to a full queue, so a connect that waits cannot be made here");
        Target target = new Target("so1n.me", (InetSocketAddress) server.getLocalSocketAddress());

        Socket sock = opened(new Socket());

        assertThatThrownBy(() -> BlockingClient.connectWithin(sock, target, SHORT))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void a_refused_connect_is_the_connect_exception_the_os_gave() throws IOException {
        LocalHosts hosts = started(LocalHosts.builder().noLatency().fault("google.com", Fault.REFUSE));

        Socket sock = opened(new Socket());

        assertThatThrownBy(() -> BlockingClient.connectWithin(sock, target(hosts, "google.com"), SHORT))
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
