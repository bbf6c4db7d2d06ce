package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a server sends is printed so that it cannot take over the reader's terminal. */
class TerminalTextTest {

    private static String shown(byte[] bytes) {
        return TerminalText.escape(bytes, 0, bytes.length);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void prints_valid_utf8_as_it_is_and_cr_lf_as_a_line_end() {
        assertThat(shown("中文 text\r\nnext line\n\tindented".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("中文 text\nnext line\n\tindented");
    }

    @Test
    void escapes_an_ansi_escape_sequence_a_nul_and_a_lone_cr() {
        assertThat(shown("\u001b[2J\u001b[31mred\u0000\rover".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\\x1b[2J\\x1b[31mred\\x00\\rover");
    }

    @Test
    void escapes_each_byte_that_is_not_part_of_valid_utf8_and_goes_on_after_it() {
        // 0xff never occurs in UTF-8; 0xe4 0xb8 is the start of 中 without its last byte; C0 80 is overlong.
        assertThat(shown(bytes('a', 0xff, 'b', 0xe4, 0xb8, 'c', 0xc0, 0x80, 'd')))
                .isEqualTo("a\\xffb\\xe4\\xb8c\\xc0\\x80d");
    }

    @Test
    void escapes_c1_controls_del_and_bidirectional_overrides() {
        assertThat(shown("a\u009b31mb\u007fc\u202ed".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a\\x9b31mb\\x7fc\\u202ed");
    }

    @Test
    void a_quote_on_one_line_shows_cr_and_lf_too() {
        assertThat(TerminalText.escapeLine("a\r\nb\u001b")).isEqualTo("a\\r\\nb\\x1b");
    }

    @Test
    void the_run_prints_escaped_text_but_keeps_the_exact_bytes_in_the_outcome() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\n中文\u001b[2J\u0000".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xff);
        byte[] response = bytes.toByteArray();
        StageRun run = StageRun.capturing(List.of(new Target("a.example", new InetSocketAddress("127.0.0.1", 80))),
                Duration.ofSeconds(1));

        run.answered(run.targets().get(0), response);

        assertThat(run.output()).contains("中文\\x1b[2J\\x00\\xff").doesNotContain("\u001b").doesNotContain("\u0000");
        assertThat(run.outcome("a.example").response()).isEqualTo(response);
    }

    @Test
    void a_long_response_is_cut_between_characters_not_inside_one() {
        byte[] response = ("HTTP/1.0 200 OK\r\n\r\n" + "中".repeat(StageRun.SHOWN_BYTES)).getBytes(StandardCharsets.UTF_8);

        String shown = StageRun.shown(response);

        assertThat(shown).doesNotContain("\\x").contains("more bytes not shown]");
    }
}
