package coroutines.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coroutines.testbed.Event;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
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
 * here hands out the chunks a server's packets would, one per {@code read}, then the end of the
 * stream; the tests check that every byte comes back in order, that each read is recorded with
 * its chunk and its size (the end too), and that a read that fails fails the request.
 */
@Tag("exercise")
@Tag("exercise-1.1")
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadUntilClosedExerciseTest {

    private static final Target HOST = new Target("so1n.me", new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));

    private final StageRun run = StageRun.capturing(List.of(HOST), Duration.ofSeconds(10));

    @Test
    void returns_every_byte_of_every_chunk_in_order() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks("HTTP/1.0 200 OK\r\n", "\r\n", "hello"), HOST, run);

        ByteText.assertSameBytes("the bytes of three chunks, in the order they were read", response,
                ascii("HTTP/1.0 200 OK\r\n\r\nhello"));
    }

    @Test
    void goes_on_reading_after_a_chunk_shorter_than_the_buffer() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks("H", "TTP/1.0", " 200 OK\r\n\r\n"), HOST, run);

        ByteText.assertSameBytes("every chunk until read returns -1, however short each one is", response,
                ascii("HTTP/1.0 200 OK\r\n\r\n"));
    }

    @Test
    void reads_a_body_of_many_chunks_byte_for_byte() throws IOException {
        byte[] body = new byte[50_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }

        byte[] response = BlockingClient.readUntilClosed(new ByteArrayInputStream(body), HOST, run);

        ByteText.assertSameBytes("a 50,000-byte answer, which takes many reads of 4096 bytes", response, body);
    }

    @Test
    @DisplayName("records each read with its size, and the end of the stream as a read of 0 bytes")
    void records_each_read_and_the_end() throws IOException {
        BlockingClient.readUntilClosed(chunks("HTTP/1.0 ", "200 OK\r\n\r\n"), HOST, run);

        assertThat(run.events().of(HOST.host())).extracting(Event::kind)
                .as("what readUntilClosed records: reads only (run.read)").containsOnly(Event.Kind.READ);
        assertThat(run.events().of(HOST.host())).extracting(Event::bytes)
                .as("the sizes recorded by run.read, one per read: 9 bytes, 10 bytes, then the end (-1, shown as 0), once")
                .containsExactly(9, 10, 0);
    }

    @Test
    void a_server_that_closes_at_once_gives_an_empty_response() throws IOException {
        byte[] response = BlockingClient.readUntilClosed(chunks(), HOST, run);

        ByteText.assertSameBytes("the answer of a server that closed before sending a byte", response, new byte[0]);
        assertThat(run.events().of(HOST.host())).extracting(Event::bytes)
                .as("the reads recorded: only the end of the stream (-1, shown as 0), once").containsExactly(0);
    }

    @Test
    void a_read_that_fails_fails_the_request_instead_of_returning_part_of_the_answer() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");

        Throwable thrown = catchThrowable(() -> BlockingClient.readUntilClosed(oneChunkThenFailing("H", timeout), HOST, run));

        assertThat(thrown).as("what readUntilClosed threw when its second read failed: the read's own exception, "
                + "so that the request fails and says why (not part of the answer returned, not another exception)")
                .isSameAs(timeout);
    }

    @Test
    @DisplayName("gives the run each read's chunk, so that a failure can quote the status line that arrived")
    void gives_the_run_each_chunk_read() {
        Target request = run.targets().get(0);

        Throwable timeout = catchThrowable(() -> BlockingClient.readUntilClosed(oneChunkThenFailing(
                "HTTP/1.0 301 Moved Permanently\r\nLocation: https://so1n.me/\r\n", new SocketTimeoutException("Read timed out")),
                request, run));
        assertThat(timeout).as("what readUntilClosed threw when its second read timed out").isInstanceOf(SocketTimeoutException.class);
        run.failed(request, timeout);

        assertThat(run.outcome(request).failure())
                .as("the failure reported, which quotes what run.read(target, chunk, length) was given: the chunk read, from its start")
                .contains("status line \"HTTP/1.0 301 Moved Permanently\"");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A stream whose first read returns this chunk, and whose next one throws {@code failure}. */
    private static InputStream oneChunkThenFailing(String chunk, IOException failure) {
        return new ChunkStream(List.of(ascii(chunk))) {
            @Override
            int end() throws IOException {
                throw failure;
            }
        };
    }

    /** A stream that returns one of these chunks per read (as much of it as the buffer holds), then the end. */
    private static InputStream chunks(String... parts) {
        return new ChunkStream(Arrays.stream(parts).map(ReadUntilClosedExerciseTest::ascii).toList());
    }

    /** The test's stand-in for a socket's stream: a read returns what one packet brought, never more. */
    private static class ChunkStream extends InputStream {
        private final Deque<byte[]> left;

        ChunkStream(List<byte[]> chunks) {
            this.left = new ArrayDeque<>(chunks);
        }

        /** What a read after the last chunk does: the end of the stream. */
        int end() throws IOException {
            return -1;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException(
                    "this test's stream hands out a chunk per read(buffer); it does not serve single bytes (read())");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left.isEmpty()) {
                return end();
            }
            byte[] chunk = left.poll();
            int taken = Math.min(length, chunk.length);
            System.arraycopy(chunk, 0, buffer, offset, taken);
            if (taken < chunk.length) {
                left.addFirst(Arrays.copyOfRange(chunk, taken, chunk.length)); // the rest comes with the next read
            }
            return taken;
        }
    }
}
