package coroutines.selector;

import coroutines.testbed.LocalHosts;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of the loop's exercises (3.1, 3.2) share: the local hosts, a run over them, and the
 * sockets a test opened to them, all closed after each test. The tests write the callbacks
 * themselves, so that only the loop's own code is under test.
 */
abstract class OnLocalSockets {

    protected LocalHosts hosts;
    protected Run run;
    private final List<SocketChannel> channels = new ArrayList<>();

    @AfterEach
    void closeEverything() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /** A blocking connect to the host, made before the loop runs; closed after the test. */
    protected SocketChannel open(String host) throws IOException {
        SocketChannel channel = SocketChannel.open(hosts.addressOf(host));
        channels.add(channel);
        return channel;
    }

    /** The run's own request for the host: a report must name one of the run's requests. */
    protected Target target(String host) {
        return run.targets().stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
    }
}
