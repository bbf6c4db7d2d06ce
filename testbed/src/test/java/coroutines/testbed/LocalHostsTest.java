package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local hosts answer the article's request as the design says, and misbehave on demand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalHostsTest {

    private LocalHosts hosts;

    @AfterEach
    void close() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** A plain blocking exchange: send the bytes, read until the host closes. */
    private static byte[] exchange(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(response);
            return response.toByteArray();
        }
    }

    /** A connection to one host with the request sent, its reads bounded by {@code readTimeoutMillis}. */
    private Socket requestFrom(String host, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(hosts.addressOf(host), 5000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Nested
    class answering_the_articles_request {

        @Test
        void answers_the_absolute_form_without_a_path_with_a_301_to_https() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            byte[] response = exchange(hosts.addressOf("so1n.me"), "GET http://so1n.me HTTP/1.0\r\nHost: so1n.me\r\n\r\n");

            assertThat(text(response))
                    .startsWith("HTTP/1.1 301 Moved Permanently\r\n")
                    .contains("\r\nLocation: https://so1n.me/\r\n")
                    .contains("\r\nConnection: close\r\n")
                    .endsWith("</html>\r\n");
            assertThat(response).isEqualTo(hosts.responseFor("so1n.me"));
        }

        @Test
        void answers_the_origin_form_too() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            byte[] response = exchange(hosts.addressOf("baidu.com"), "GET / HTTP/1.0\r\nHost: baidu.com\r\n\r\n");

            assertThat(response).isEqualTo(hosts.responseFor("baidu.com"));
        }

        @Test
        void gives_a_content_length_that_matches_the_body() {
            hosts = startQuietly(LocalHosts.builder().noLatency());
            String response = text(hosts.responseFor("github.com"));

            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            assertThat(response).contains("Content-Length: " + (response.length() - bodyStart) + "\r\n");
        }

        @Test
        void records_each_request_it_received() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            exchange(hosts.addressOf("google.com"), "GET http://google.com HTTP/1.0\r\nHost: google.com\r\n\r\n");

            assertThat(hosts.requestsReceived()).containsExactly("GET http://google.com HTTP/1.0\r\nHost: google.com\r\n\r\n");
        }

        @Test
        void answers_400_to_a_request_for_another_host_saying_why() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            String response = text(exchange(hosts.addressOf("so1n.me"), "GET http://github.com HTTP/1.0\r\n\r\n"));

            assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("this host serves http://so1n.me only, not 'http://github.com'");
        }

        @Test
        void answers_400_to_something_that_is_not_a_get() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            String response = text(exchange(hosts.addressOf("so1n.me"), "POST / HTTP/1.0\r\n\r\n"));

            assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("expected a request line like");
        }
    }

    @Nested
    class misbehaving_on_demand {

        @Test
        void a_refusing_host_refuses_the_connect() {
            hosts = startQuietly(LocalHosts.builder().fault("so1n.me", Fault.REFUSE));

            assertThatThrownBy(() -> exchange(hosts.addressOf("so1n.me"), "GET / HTTP/1.0\r\n\r\n"))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused");
        }

        @Test
        void a_refusing_host_keeps_its_port_so_no_other_server_is_given_it() {
            hosts = startQuietly(LocalHosts.builder().fault("so1n.me", Fault.REFUSE));
            int refusedPort = hosts.addressOf("so1n.me").getPort();

            // A freed port once went to the next host, which then answered for the refusing one.
            assertThatThrownBy(() -> new ServerSocket(refusedPort, 1, InetAddress.getLoopbackAddress()).close())
                    .isInstanceOf(BindException.class);
        }

        @Test
        void a_garbage_host_answers_an_ssh_banner() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.GARBAGE).start();

            assertThat(text(exchange(hosts.addressOf("so1n.me"), "GET / HTTP/1.0\r\n\r\n"))).startsWith("SSH-2.0-");
        }

        @Test
        void a_huge_host_sends_several_mib() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.HUGE).start();

            byte[] response = exchange(hosts.addressOf("so1n.me"), "GET / HTTP/1.0\r\n\r\n");

            assertThat(response).hasSizeGreaterThan(LocalHosts.HUGE_BODY_BYTES).isEqualTo(hosts.responseFor("so1n.me"));
        }

        @Test
        void a_silent_host_reads_the_request_and_never_answers() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.SILENT).start();

            try (Socket socket = requestFrom("so1n.me", 300)) {

                assertThatThrownBy(() -> socket.getInputStream().read())
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("timed out");
            }
        }

        @Test
        void a_hanging_up_host_closes_at_once_without_reading_or_sending_a_byte() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.HANGUP).start();

            try (Socket socket = new Socket()) {
                socket.connect(hosts.addressOf("so1n.me"), 5000);
                socket.setSoTimeout(10_000);

                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(hosts.requestsReceived()).isEmpty();
        }

        @Test
        void a_truncating_host_sends_the_head_and_half_the_declared_body_then_closes() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.TRUNCATED).start();
            byte[] whole = hosts.responseFor("so1n.me");

            byte[] response = exchange(hosts.addressOf("so1n.me"), "GET / HTTP/1.0\r\n\r\n");

            String head = text(whole).substring(0, text(whole).indexOf("\r\n\r\n") + 4);
            int declared = whole.length - head.length();
            assertThat(text(response)).startsWith(head).contains("Content-Length: " + declared + "\r\n");
            assertThat(response).hasSize(head.length() + declared / 2);
            assertThat(whole).startsWith(response);
        }

        @Test
        void an_unclosing_host_sends_the_whole_answer_and_keeps_the_connection_open() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.UNCLOSED).start();
            byte[] whole = hosts.responseFor("so1n.me");

            try (Socket socket = requestFrom("so1n.me", 10_000)) {

                assertThat(socket.getInputStream().readNBytes(whole.length)).isEqualTo(whole);
                socket.setSoTimeout(300);
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            }
        }

        @Test
        void a_dripping_host_sends_a_200_head_then_byte_after_byte_without_end() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.DRIP).trickleDelay(Duration.ofMillis(1)).start();

            try (Socket socket = requestFrom("so1n.me", 10_000)) {
                InputStream in = socket.getInputStream();
                String head = "HTTP/1.1 200 OK\r\nServer: testbed\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";

                assertThat(text(in.readNBytes(head.length()))).isEqualTo(head).doesNotContain("Content-Length");
                // Far more single bytes than the drip's head, and still no end of the stream.
                assertThat(text(in.readNBytes(500))).isEqualTo(".".repeat(500));
            }
        }

        @Test
        void a_deaf_host_never_reads_the_request_and_never_answers() throws IOException {
            hosts = LocalHosts.builder().noLatency().fault("so1n.me", Fault.DEAF).start();

            try (Socket socket = requestFrom("so1n.me", 300)) {

                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            }
            assertThat(hosts.requestsReceived()).isEmpty();
        }

        @Test
        void a_request_names_the_host_in_any_case() throws IOException {
            hosts = LocalHosts.builder().noLatency().start();

            byte[] response = exchange(hosts.addressOf("so1n.me"), "GET http://SO1N.ME HTTP/1.0\r\nHost: SO1N.ME\r\n\r\n");

            assertThat(response).isEqualTo(hosts.responseFor("so1n.me"));
        }

        @Test
        void a_fault_for_a_host_that_is_not_played_is_refused() {
            assertThatThrownBy(() -> LocalHosts.builder().fault("example.com", Fault.RESET).start())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("example.com");
        }
    }

    @Nested
    class behind_a_gate {

        @Test
        void holds_every_answer_until_the_last_request_arrives() throws Exception {
            hosts = LocalHosts.builder().noLatency().gate(2, Duration.ofSeconds(20)).start();

            try (Socket first = new Socket()) {
                first.connect(hosts.addressOf("so1n.me"), 5000);
                first.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                // One request of two: the gate stays shut, so nothing comes back.
                first.setSoTimeout(300);
                assertThatThrownBy(() -> first.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

                // The second request opens the gate for both.
                byte[] second = exchange(hosts.addressOf("github.com"), "GET / HTTP/1.0\r\n\r\n");
                first.setSoTimeout(10_000);
                ByteArrayOutputStream firstResponse = new ByteArrayOutputStream();
                first.getInputStream().transferTo(firstResponse);

                assertThat(second).isEqualTo(hosts.responseFor("github.com"));
                assertThat(firstResponse.toByteArray()).isEqualTo(hosts.responseFor("so1n.me"));
            }
        }
    }

    private static LocalHosts startQuietly(LocalHosts.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("the local hosts did not start", e);
        }
    }
}
