package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each failure in words that say what happened, from what had arrived, and what to try. */
class FailuresTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Target LOCAL = new Target("a.example", new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));

    @Test
    void a_timeout_before_any_byte_is_a_slow_or_silent_server() {
        assertThat(Failures.explain(new SocketTimeoutException("Read timed out"), LOCAL, TIMEOUT, 0))
                .isEqualTo("timed out (Read timed out) after waiting 1500 ms; the server is slow or silent, try a longer --timeout");
    }

    @Test
    void a_timeout_after_bytes_says_what_arrived_and_that_the_server_kept_the_connection_open() {
        String why = Failures.explain(new SocketTimeoutException("Read timed out"), LOCAL, TIMEOUT, 331);

        assertThat(why).startsWith("timed out (Read timed out) with 331 bytes received and the connection still open")
                .contains("an HTTP/1.0 answer ends when the server closes")
                .doesNotContain("slow or silent");
    }

    @Test
    void a_reset_or_a_broken_pipe_before_any_byte_reads_as_an_empty_answer_does() {
        String empty = Failures.explain(new Failures.NotHttpException(Failures.CLOSED_WITHOUT_ANSWERING), LOCAL, TIMEOUT, 0);

        assertThat(Failures.explain(new SocketException("Connection reset"), LOCAL, TIMEOUT, 0)).isEqualTo(empty);
        assertThat(Failures.explain(new IOException("Broken pipe"), LOCAL, TIMEOUT, 0)).isEqualTo(empty);
        assertThat(empty).isEqualTo("closed the connection without answering: 127.0.0.1:8080 accepted the connection,"
                + " then hung up before sending a byte; is it a web server, and does it serve a.example?");
    }

    @Test
    void a_reset_after_bytes_is_a_reset_with_a_hint() {
        assertThat(Failures.explain(new SocketException("Connection reset"), LOCAL, TIMEOUT, 100))
                .startsWith("the server reset the connection (Connection reset) before the answer was complete; ")
                .contains("try again");
    }

    @Test
    void an_ipv6_peer_is_printed_in_brackets_and_short() throws Exception {
        Target ipv6 = new Target("a.example", new InetSocketAddress(InetAddress.getByName("::1"), 8080));
        Target documentation = new Target("a.example", new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 80));

        assertThat(Failures.explain(new ConnectException("Connection refused"), ipv6, TIMEOUT, 0))
                .startsWith("connection refused by [::1]:8080 (Connection refused)");
        assertThat(Failures.where(documentation.address())).isEqualTo("[2001:db8::1:0:0:1]:80");
    }

    @Test
    void an_unknown_name_says_why_dns_gave_no_address_and_suggests_a_rule_for_that_name() {
        Target unknown = new Target("no-such-host.invalid", InetSocketAddress.createUnresolved("no-such-host.invalid", 80),
                "DNS gave no answer within --timeout, 1500 ms; try a longer --timeout", 0);

        assertThat(Failures.explain(new java.net.UnknownHostException("no-such-host.invalid"), unknown, TIMEOUT, 0))
                .isEqualTo("unknown host name (DNS gave no answer within --timeout, 1500 ms; try a longer --timeout);"
                        + " check the spelling, or point it somewhere with --resolve no-such-host.invalid:PORT:ADDRESS");
    }
}
