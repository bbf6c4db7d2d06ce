package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each failure in words that say what happened, from what had arrived, and what to try. */
class FailuresTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final byte[] NOTHING = new byte[0];
    private static final Target LOCAL = new Target("a.example", new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));

    @Test
    void a_timeout_before_any_byte_is_a_slow_or_silent_server() {
        assertThat(Failures.explain(new SocketTimeoutException("Read timed out"), LOCAL, TIMEOUT, 0, NOTHING))
                .isEqualTo("timed out (Read timed out) after waiting 1500 ms; the server is slow or silent, try a longer --timeout");
    }

    @Test
    void a_timeout_after_a_status_line_quotes_it_and_says_the_server_kept_the_connection_open() {
        String why = readTimedOutAfter(331, "HTTP/1.0 301 Moved Permanently\r\n");

        assertThat(why).isEqualTo("timed out (Read timed out) after 331 bytes, status line \"HTTP/1.0 301 Moved Permanently\","
                + " and the connection still open: nothing more came for 1500 ms; an HTTP/1.0 answer ends when the"
                + " server closes, so if the answer was whole, this server keeps the connection open and a longer"
                + " --timeout will not help");
    }

    @Test
    void a_status_line_is_quoted_escaped_so_a_server_cannot_drive_the_terminal() {
        String why = readTimedOutAfter(40, "HTTP/1.1 200 \u001b[2J\u001b[31mOK\r\n");

        assertThat(why).contains("status line \"HTTP/1.1 200 \\x1b[2J\\x1b[31mOK\",").doesNotContain("\u001b");
    }

    @Test
    void a_timeout_before_any_line_end_quotes_the_first_bytes_and_does_not_call_the_answer_whole() {
        String why = readTimedOutAfter(9, "HTTP/1.1\u0007");

        assertThat(why).isEqualTo("timed out (Read timed out) after 9 bytes, first bytes \"HTTP/1.1\\x07\" (no line end yet),"
                + " and the connection still open: nothing more came for 1500 ms; the answer stopped before its first"
                + " line ended, so it is not whole: the server is slow or stalled, try a longer --timeout, or look at"
                + " what serves 127.0.0.1:8080");
    }

    @Test
    void a_first_line_longer_than_the_run_keeps_is_quoted_cut() {
        String why = readTimedOutAfter(5000, "A".repeat(FirstLine.MOST_BYTES));

        assertThat(why).startsWith("timed out (Read timed out) after 5000 bytes, first bytes \"" + "A".repeat(FirstLine.MOST_BYTES)
                + "...\" (no line end in the first 200 bytes), and the connection still open");
    }

    @Test
    void a_first_line_that_is_not_http_is_not_called_a_status_line() {
        assertThat(readTimedOutAfter(30, "SSH-2.0-OpenSSH_9.2p1\r\n"))
                .startsWith("timed out (Read timed out) after 30 bytes, first line \"SSH-2.0-OpenSSH_9.2p1\",");
    }

    @Test
    void a_request_over_its_max_time_after_bytes_says_what_arrived() {
        StageRun.MaxTimeExceeded overTime = new StageRun.MaxTimeExceeded(Duration.ofMillis(1000), "its socket was closed then");

        assertThat(Failures.explain(overTime, LOCAL, TIMEOUT, 0, NOTHING)).isEqualTo("the whole request took longer than"
                + " --max-time 1000 ms (its socket was closed then); the server is slow, silent or never stops sending:"
                + " try a longer --max-time");
        assertThat(Failures.explain(overTime, LOCAL, TIMEOUT, 4321, ascii("HTTP/1.1 200 OK\r\n"))).isEqualTo("the whole"
                + " request took longer than --max-time 1000 ms (its socket was closed then), after 4321 bytes, status"
                + " line \"HTTP/1.1 200 OK\"; the server is slow or never stops sending: try a longer --max-time");
    }

    @Test
    void a_reset_or_a_broken_pipe_before_any_byte_reads_as_an_empty_answer_does() {
        String empty = Failures.explain(new Failures.NotHttpException(Failures.CLOSED_WITHOUT_ANSWERING), LOCAL, TIMEOUT, 0, NOTHING);

        assertThat(Failures.explain(new SocketException("Connection reset"), LOCAL, TIMEOUT, 0, NOTHING)).isEqualTo(empty);
        assertThat(Failures.explain(new IOException("Broken pipe"), LOCAL, TIMEOUT, 0, NOTHING)).isEqualTo(empty);
        assertThat(empty).isEqualTo("closed the connection without answering: 127.0.0.1:8080 accepted the connection,"
                + " then hung up before sending a byte; is it a web server, and does it serve a.example?");
    }

    @Test
    void a_reset_after_bytes_is_a_reset_with_a_hint() {
        assertThat(Failures.explain(new SocketException("Connection reset"), LOCAL, TIMEOUT, 100, NOTHING))
                .startsWith("the server reset the connection (Connection reset) before the answer was complete; ")
                .contains("try again");
    }

    @Test
    void an_ipv6_peer_is_printed_in_brackets_and_short() throws Exception {
        Target ipv6 = new Target("a.example", new InetSocketAddress(InetAddress.getByName("::1"), 8080));
        Target documentation = new Target("a.example", new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 80));

        assertThat(Failures.explain(new ConnectException("Connection refused"), ipv6, TIMEOUT, 0, NOTHING))
                .startsWith("connection refused by [::1]:8080 (Connection refused)");
        assertThat(Failures.where(documentation.address())).isEqualTo("[2001:db8::1:0:0:1]:80");
    }

    @Test
    void an_unknown_name_says_why_dns_gave_no_address_and_suggests_a_rule_for_that_name() {
        Target unknown = new Target("no-such-host.invalid", InetSocketAddress.createUnresolved("no-such-host.invalid", 80),
                "DNS gave no answer within --timeout, 1500 ms; try a longer --timeout", 0);

        assertThat(Failures.explain(new java.net.UnknownHostException("no-such-host.invalid"), unknown, TIMEOUT, 0, NOTHING))
                .isEqualTo("unknown host name (DNS gave no answer within --timeout, 1500 ms; try a longer --timeout);"
                        + " check the spelling, or point it somewhere with --resolve no-such-host.invalid:PORT:ADDRESS");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Why a read that timed out after {@code bytes} bytes failed, the run having kept {@code firstBytes}. */
    private static String readTimedOutAfter(long bytes, String firstBytes) {
        return Failures.explain(new SocketTimeoutException("Read timed out"), LOCAL, TIMEOUT, bytes, ascii(firstBytes));
    }
}
