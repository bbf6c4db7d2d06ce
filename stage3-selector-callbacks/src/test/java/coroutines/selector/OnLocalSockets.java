package coroutines.selector;

import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of the loop's exercises (3.1, 3.2) share: connected socket pairs on loopback, one
 * end for the loop and one the test writes to, and a run whose requests the keys name. The tests
 * write the callbacks themselves, so that only the loop's own code is under test, and the test
 * decides when each socket becomes ready.
 */
abstract class OnLocalSockets {

    /** A connection: {@code client} (non-blocking) is the loop's, {@code peer} (blocking) the test's other end. */
    record Pair(SocketChannel client, SocketChannel peer) {

        /** The peer sends bytes: the client's end becomes readable. */
        void peerSends(String text) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                peer.write(bytes);
            }
        }
    }

    protected StageRun run;
    private ServerSocketChannel listener;
    private final List<SocketChannel> channels = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        listener.close();
    }

    /** A run over requests with these host names (each a request of its own), with this timeout per wait. */
    protected StageRun runOver(Duration timeout, String... hosts) throws IOException {
        InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
        run = StageRun.capturing(Arrays.stream(hosts).map(host -> new Target(host, address)).toList(), timeout);
        return run;
    }

    /** The run's own request for the host: a key must name one of the run's requests. */
    protected Target target(String host) {
        return run.targets().stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
    }

    /** Whether the loop marked the request of this key as ended (in the key's data, which stays after the key is cancelled). */
    protected static boolean ended(SelectionKey key) {
        return ((EventLoop.KeyData) key.attachment()).ended;
    }

    /** A new connection on loopback, made before the loop runs; both ends are closed after the test. */
    protected Pair pair() throws IOException {
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        channels.add(client);
        SocketChannel peer = listener.accept();
        channels.add(peer);
        client.configureBlocking(false);
        return new Pair(client, peer);
    }
}
