package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hosts serving many connections (a process of their own, the scale benchmark's) hold them all at once and answer each byte for byte. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManyConnectionsTest {

    private static final int CONNECTIONS = 2_000;

    private LocalHosts hosts;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static byte[] request(String host) {
        return ("GET http://" + host + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void holds_two_thousand_connections_at_once_and_answers_each_exactly_as_the_in_process_hosts_do() throws IOException {
        hosts = LocalHosts.builder().servingManyConnections().start();

        // given: every connection opened and its request sent before any response is read
        for (int i = 0; i < CONNECTIONS; i++) {
            String host = LocalHosts.ARTICLE_HOSTS.get(i % 4);
            Socket socket = new Socket();
            sockets.add(socket);
            socket.connect(hosts.addressOf(host), 10_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request(host));
        }

        // then: each one gets its host's exact bytes, then the end of the stream
        for (int i = 0; i < CONNECTIONS; i++) {
            String host = LocalHosts.ARTICLE_HOSTS.get(i % 4);
            assertThat(sockets.get(i).getInputStream().readAllBytes()).as("connection %d to %s", i, host)
                    .isEqualTo(hosts.responseFor(host));
        }
        assertThat(hosts.requestsReceived()).isEmpty();
    }

    @Test
    void a_request_for_another_host_gets_a_400_that_says_why() throws IOException {
        hosts = LocalHosts.builder().servingManyConnections().noLatency().start();
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(hosts.addressOf("so1n.me"), 10_000);
        socket.setSoTimeout(20_000);

        socket.getOutputStream().write(request("github.com"));

        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .endsWith("this host serves http://so1n.me only, not 'http://github.com'\r\n");
    }

    @Test
    void refuses_faults_and_the_gate_which_only_in_process_hosts_play() {
        assertThatThrownBy(() -> LocalHosts.builder().servingManyConnections().fault("github.com", Fault.RESET).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("play no faults and no gate");
        assertThatThrownBy(() -> LocalHosts.builder().servingManyConnections().gate(4, Duration.ofSeconds(1)).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("and the gate");
    }
}
