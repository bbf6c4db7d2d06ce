package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import coroutines.testbed.Event;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 1.1: {@link BlockingClient#readUntilClosed}, the article's {@code recv} loop. The stream
 * here hands out the chunks a server's packets would, one per {@code read}.
 *
 * <p>Wrong answers these tests catch: one read only (a body over one chunk is cut); copying the
 * whole 4096-byte buffer instead of the {@code length} read; stopping at the first chunk shorter
 * than the buffer; not recording the last read, the end of the stream; catching the read's
 * IOException and returning what arrived so far; recording a read without its chunk.
 */
@Tag("exercise")
@Tag("exercise-1.1")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadUntilClosedExerciseTest {

    private static final Target HOST = new Target("so1n.me", new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));

    private final Run run = Run.capturing(List.of(HOST), Duration.ofSeconds(10));

    @Test
    void returns_every_byte_of_every_chunk_in_order() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks("HTTP/1.0 200 OK\r\n", "\r\n", "hello"), HOST, run);

        assertThat(new String(response, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.0 200 OK\r\n\r\nhello");
    }

    @Test
    void goes_on_reading_after_a_chunk_shorter_than_the_buffer() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks("H", "TTP/1.0", " 200 OK\r\n\r\n"), HOST, run);

        assertThat(new String(response, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.0 200 OK\r\n\r\n");
    }

    @Test
    void reads_a_body_of_many_chunks_byte_for_byte() throws IOException {
        byte[] body = new byte[50_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }

        byte[] response = BlockingClient.readUntilClosed(new ByteArrayInputStream(body), HOST, run);

        assertThat(response.length).as("how many bytes came back").isEqualTo(body.length);
        assertThat(response).isEqualTo(body);
    }

    @Test
    @DisplayName("records each read with its size, and the end of the stream as a read of 0 bytes")
    void records_each_read_and_the_end() throws IOException {
        BlockingClient.readUntilClosed(chunks("HTTP/1.0 ", "200 OK\r\n\r\n"), HOST, run);

        assertThat(run.events().of(HOST.host())).extracting(Event::kind).containsOnly(Event.Kind.READ);
        assertThat(run.events().of(HOST.host())).extracting(Event::bytes).containsExactly(9, 10, 0);
    }

    @Test
    void a_server_that_closes_at_once_gives_an_empty_response() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks(), HOST, run);

        assertThat(response).isEmpty();
        assertThat(run.events().of(HOST.host())).extracting(Event::bytes).containsExactly(0);
    }

    @Test
    void a_read_that_fails_fails_the_request_instead_of_returning_part_of_the_answer() {
        assertThatThrownBy(() -> BlockingClient.readUntilClosed(oneChunkThenATimeout("H"), HOST, run))
                .isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out");
    }

    @Test
    @DisplayName("gives the run each read's chunk, so that a failure can quote the status line that arrived")
    void gives_the_run_each_chunk_read() {
        Target request = run.targets().get(0);

        Throwable timeout = catchThrowable(() -> BlockingClient.readUntilClosed(
                oneChunkThenATimeout("HTTP/1.0 301 Moved Permanently\r\nLocation: https://so1n.me/\r\n"), request, run));
        assertThat(timeout).as("what the read loop threw").isInstanceOf(SocketTimeoutException.class);
        run.failed(request, timeout);

        assertThat(run.outcome(request).failure()).as("the failure reported")
                .contains("status line \"HTTP/1.0 301 Moved Permanently\"");
    }

    /** A stream whose first read returns this chunk, and whose next one times out. */
    private static InputStream oneChunkThenATimeout(String chunk) {
        byte[] bytes = chunk.getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read(byte[]) is the one the loop calls");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (first) {
                    first = false;
                    System.arraycopy(bytes, 0, buffer, offset, bytes.length);
                    return bytes.length;
                }
                throw new SocketTimeoutException("Read timed out");
            }
        };
    }

    /** A stream that returns one of these chunks per read, then the end of the stream. */
    private static InputStream chunks(String... parts) {
        Deque<byte[]> left = new ArrayDeque<>();
        Arrays.stream(parts).map(p -> p.getBytes(StandardCharsets.US_ASCII)).forEach(left::add);
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException("read(byte[]) is the one the loop calls");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left.isEmpty()) {
                    return -1;
                }
                byte[] chunk = left.poll();
                System.arraycopy(chunk, 0, buffer, offset, chunk.length);
                return chunk.length;
            }
        };
    }
}
