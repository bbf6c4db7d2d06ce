package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's streams print UTF-8; StandardOutputTest checks the same under an ASCII locale, in a child JVM. */
class Utf8OutputTest {

    @Test
    void a_utf8_stream_prints_utf8_whatever_the_default_charset() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = Utf8Output.utf8(bytes);

        out.println("中文");

        assertThat(bytes.toByteArray()).isEqualTo("中文\n".getBytes(StandardCharsets.UTF_8));
    }
}
