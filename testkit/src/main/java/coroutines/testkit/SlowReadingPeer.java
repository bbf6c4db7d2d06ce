package coroutines.testkit;

import coroutines.testbed.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A peer on loopback that takes a request a few KiB at a time, so that a client's write of a large
 * request really takes only part. The article's 46-byte request always fits in one write; a
 * request larger than any socket buffer (the kernel's send buffer tops out at 4 MiB here) does not,
 * and shows whether the client writes the rest.
 *
 * <p>It accepts one connection, reads until it has {@code expectedBytes} or the client stops
 * sending, answers with the bytes given, and closes. A test reads back what arrived.
 */
public final class SlowReadingPeer implements AutoCloseable {

    /**
     * A receive buffer as small as the kernel allows. The peer then drains about 2 MiB a second, so
     * the client's send buffer fills and a write takes nothing: the case a client must wait out.
     * A roomier buffer (64 KiB) drained so fast that some runs never saw a write of 0.
     */
    private static final int RECEIVE_BUFFER = 1024;
    /** How much one read takes: a few KiB, so the peer never drains the client's buffer in one go. */
    private static final int SIP = 4096;

    private final ServerSocket server;
    private final CompletableFuture<byte[]> received;

    private SlowReadingPeer(ServerSocket server, int expectedBytes, byte[] answer) {
        this.server = server;
        this.received = CompletableFuture.supplyAsync(() -> readThenAnswer(expectedBytes, answer),
                command -> {
                    Thread thread = new Thread(command, "slow-reading-peer");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /** Starts listening on an ephemeral loopback port; the one connection it takes is read in the background. */
    public static SlowReadingPeer start(int expectedBytes, byte[] answer) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReceiveBufferSize(RECEIVE_BUFFER); // before bind: accepted sockets inherit it
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        return new SlowReadingPeer(server, expectedBytes, answer.clone());
    }

    /** {@code size} printable bytes (a to z, over and over): easy to read in a failure message. */
    public static byte[] filler(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /** A target named {@code host} that connects to this peer. */
    public Target target(String host) {
        return new Target(host, (InetSocketAddress) server.getLocalSocketAddress());
    }

    /**
     * What the peer read, once it has read all it expected or the client stopped sending.
     *
     * @throws AssertionError if that has not happened within {@code within}: the client never sent it all
     */
    public byte[] received(Duration within) {
        try {
            return received.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the peer was still waiting for the rest of the request after " + within.toMillis()
                    + " ms: the client never sent it all (and did not close)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the peer", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the peer itself failed (a fault of the test, not of the client): " + e.getCause(), e.getCause());
        }
    }

    private byte[] readThenAnswer(int expected, byte[] answer) {
        try (Socket connection = server.accept()) {
            InputStream in = connection.getInputStream();
            byte[] got = new byte[expected];
            int total = 0;
            while (total < expected) {
                int n = in.read(got, total, Math.min(SIP, expected - total));
                if (n == -1) {
                    return Arrays.copyOf(got, total); // the client stopped sending early
                }
                total += n;
            }
            OutputStream out = connection.getOutputStream();
            out.write(answer);
            out.flush();
            return got;
        } catch (IOException e) {
            if (server.isClosed()) {
                return new byte[0]; // closed by the test before any client came
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
