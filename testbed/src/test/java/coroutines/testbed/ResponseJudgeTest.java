package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a response ends, the run judges it by its own status line and headers, for every stage. */
class ResponseJudgeTest {

    private static final String HOST = "a.example";

    private final StageRun run = StageRun.capturing(List.of(new Target(HOST, new InetSocketAddress("127.0.0.1", 8080))),
            Duration.ofSeconds(1));

    /** What the run makes of a response that ended with these bytes: null if answered, else the failure. */
    private String judged(byte[] response) {
        run.answered(run.targets().get(0), response);
        return run.outcome(HOST).failure();
    }

    private String judged(String response) {
        return judged(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_whole_response_is_an_answer_with_its_exact_bytes() {
        assertThat(judged("HTTP/1.1 301 Moved Permanently\r\nContent-Length: 5\r\n\r\nhello")).isNull();
        assertThat(run.outcome(HOST).response()).asString(StandardCharsets.ISO_8859_1).endsWith("hello");
    }

    @Test
    void fewer_body_bytes_than_declared_is_a_failure_that_says_how_many() {
        assertThat(judged("HTTP/1.1 301 Moved Permanently\r\nContent-Length: 1000\r\n\r\n"))
                .startsWith("the server closed after 0 of 1000 body bytes; the answer is incomplete")
                .contains("127.0.0.1:8080");
        assertThat(run.output()).contains(HOST + " failed: the server closed after 0 of 1000 body bytes");
    }

    @Test
    void more_body_bytes_than_declared_is_an_answer_kept_as_sent() {
        String response = "HTTP/1.0 200 OK\r\ncontent-length:  2 \r\n\r\nhello";

        assertThat(judged(response)).isNull();
        assertThat(run.outcome(HOST).response()).asString(StandardCharsets.ISO_8859_1).isEqualTo(response);
    }

    @Test
    void a_response_without_content_length_ends_at_the_close_as_in_http_1_0() {
        assertThat(judged("HTTP/1.0 200 OK\r\n\r\nanything")).isNull();
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {204, 304})
    void a_status_that_never_has_a_body_is_not_judged_by_its_length(int status) {
        assertThat(judged("HTTP/1.1 " + status + " X\r\nContent-Length: 100\r\n\r\n")).isNull();
    }

    @Test
    void a_run_of_bytes_without_a_line_end_after_the_status_is_a_failure() {
        byte[] response = new byte[1024 * 1024 + 13];
        Arrays.fill(response, (byte) 'a');
        System.arraycopy("HTTP/1.0 200 ".getBytes(StandardCharsets.US_ASCII), 0, response, 0, 13);

        assertThat(judged(response)).startsWith("answered with a status line that does not end within 8192 bytes:"
                + " 'HTTP/1.0 200 aaaaaaaaaaa...'; is 127.0.0.1:8080 really a web server?");
    }

    @Test
    void bytes_that_are_not_http_are_a_failure_shown_escaped() {
        assertThat(judged("SSH-2.0-OpenSSH_9.2p1\r\n")).isEqualTo(
                "answered with bytes that are not HTTP: 'SSH-2.0-OpenSSH_9.2p1\\r\\n'; is 127.0.0.1:8080 really a web server?");
    }

    @Test
    void a_first_line_that_starts_like_http_but_is_no_status_line_is_a_failure() {
        assertThat(judged("HTTP/2 200\r\n\r\n")).startsWith(
                "answered with a first line that is not an HTTP status line: 'HTTP/2 200'");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.1 OK\u001b[2J\r\n\r\n"))
                .contains("'HTTP/1.1 OK\\x1b[2J'");
    }

    @Test
    void a_close_inside_the_status_line_or_the_headers_is_a_failure() {
        assertThat(judged("HTTP/1.0 200 ")).startsWith("the server closed in the middle of the status line: 'HTTP/1.0 200 '");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.0 200 OK\r\nContent-Le"))
                .startsWith("the server closed in the middle of the headers, after 27 bytes");
    }

    @Test
    void a_content_length_that_is_not_a_length_or_two_that_differ_are_a_failure() {
        assertThat(judged("HTTP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n"))
                .startsWith("declared a Content-Length that is not a length: '-1'");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.0 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))
                .startsWith("declared two different Content-Lengths, 1 and 2");
    }

    @Test
    void an_empty_answer_is_a_server_that_closed_without_answering() {
        assertThat(judged(new byte[0])).startsWith("closed the connection without answering: 127.0.0.1:8080 accepted");
    }

    @Test
    void the_content_length_is_found_in_any_case_on_any_header_line_and_trimmed_of_blanks() {
        assertThat(judged("HTTP/1.0 200 OK\r\nServer: x\r\ncOnTeNt-LeNgTh:\t 4 \t\r\nX: y\r\n\r\nab"))
                .startsWith("the server closed after 2 of 4 body bytes");
        // Only at the start of a line: a header whose value mentions it is not it.
        assertThat(new ResponseJudgeTest().judged("HTTP/1.0 200 OK\r\nX-Note: content-length: 9\r\n\r\nab")).isNull();
    }

    @Test
    void a_content_length_that_is_not_a_length_is_quoted_as_sent() {
        assertThat(judged("HTTP/1.0 200 OK\r\nContent-Length: 0x1F\r\n\r\n"))
                .startsWith("declared a Content-Length that is not a length: '0x1F'");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.0 200 OK\r\nContent-Length: 1 2\r\n\r\n12"))
                .startsWith("declared a Content-Length that is not a length: '1 2'");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.0 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\n"))
                .startsWith("declared a Content-Length that is not a length: '1234567890123456789'");
    }

    @Test
    void a_chunked_answer_or_one_below_200_is_not_judged_by_its_length() {
        assertThat(judged("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTRANSFER-ENCODING: chunked\r\n\r\n")).isNull();
        assertThat(new ResponseJudgeTest().judged("HTTP/1.1 101 Switching\r\nContent-Length: 100\r\n\r\n")).isNull();
    }

    @Test
    void a_status_line_is_http_1_x_a_three_digit_code_and_a_reason_without_line_breaks() {
        assertThat(judged("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")).isNull(); // no reason phrase at all
        assertThat(new ResponseJudgeTest().judged("HTTP/1.1 200OK\r\n\r\n"))
                .startsWith("answered with a first line that is not an HTTP status line: 'HTTP/1.1 200OK'");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.1 20 OK\r\n\r\n"))
                .startsWith("answered with a first line that is not an HTTP status line");
        assertThat(new ResponseJudgeTest().judged("HTTP/1.1 200 O\nK\r\n\r\n"))
                .startsWith("answered with a first line that is not an HTTP status line: 'HTTP/1.1 200 O\\nK'");
    }
}
