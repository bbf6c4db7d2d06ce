package coroutines.testbed;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * How the local hosts serve when they hold thousands of connections at once, in a process of their
 * own ({@link LocalHosts.Builder#servingManyConnections()}): one thread, one selector for every
 * host's listener and connection, and a queue of timers for the latencies. Each connection is
 * answered as the in-process hosts answer it (its host's latency, the head and half the body, a
 * pause, the rest, then close); it plays no faults and no gate, which need a thread per connection.
 *
 * <p>Why not a thread per connection here: 10,000 of them cost the hosts more CPU than the clients
 * being measured, on the same two cores; this loop spends a few microseconds per connection.
 */
final class SelectorServer implements Closeable {

    /** What one host answers: the bytes, where to split them, after how long; badRequestFor null if the head is fine. */
    record Answer(byte[] response, int half, Duration latency, Function<String, byte[]> badRequestFor) {
    }

    private static final int MAX_REQUEST_BYTES = 8 * 1024;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final Selector selector;
    private final Duration partPause;
    private final Thread loop;
    // Timers in due order; touched only by the loop's thread.
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timersMade;
    private volatile boolean closed;

    SelectorServer(Duration partPause) throws IOException {
        this.selector = Selector.open();
        this.partPause = partPause;
        this.loop = new Thread(this::run, "testbed-selector-server");
        this.loop.setDaemon(true);
    }

    /** A listening channel on a free port of the loopback address, with the given backlog. */
    static ServerSocket listen(InetAddress loopback, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(loopback, 0), backlog);
        return channel.socket();
    }

    /** Serves one host's listener; call before {@link #start()}. */
    void serve(ServerSocket listener, Answer answer) throws IOException {
        ServerSocketChannel channel = listener.getChannel();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_ACCEPT, answer);
    }

    void start() {
        loop.start();
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(Duration.ofSeconds(5).toMillis());
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException ignored) {
            // Closing on the way out: nothing useful to do with a failure here.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(this::ready, millisToNextTimer());
                runDueTimers();
            }
        } catch (IOException | ClosedSelectorException e) {
            // The hosts were closed.
        }
    }

    private long millisToNextTimer() {
        Timer next = timers.peek();
        if (next == null) {
            return 0; // no timer: wait for a socket (select(0) waits until one is ready, or close() wakes it)
        }
        return Math.max(1, (next.dueNanos - System.nanoTime() + 999_999) / 1_000_000);
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            timers.poll().action.run();
        }
    }

    private void after(Duration delay, Runnable action) {
        timers.add(new Timer(System.nanoTime() + delay.toNanos(), timersMade++, action));
    }

    private void ready(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept(key);
            } else if (key.isReadable()) {
                ((Connection) key.attachment()).read();
            }
        } catch (IOException e) {
            // The client hung up: its side reports that, not the server's.
            if (key.attachment() instanceof Connection connection) {
                connection.close();
            }
        }
    }

    private void accept(SelectionKey listenerKey) throws IOException {
        ServerSocketChannel listener = (ServerSocketChannel) listenerKey.channel();
        for (SocketChannel channel = listener.accept(); channel != null; channel = listener.accept()) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection connection = new Connection(channel, (Answer) listenerKey.attachment());
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        }
    }

    /** One client: its request head as it arrives, then its answer in two parts. */
    private final class Connection {
        private final SocketChannel channel;
        private final Answer answer;
        private final ByteBuffer head = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        private SelectionKey key;

        Connection(SocketChannel channel, Answer answer) {
            this.channel = channel;
            this.answer = answer;
        }

        void read() throws IOException {
            int count = channel.read(head);
            if (count == -1 || (!head.hasRemaining() && !headComplete())) {
                close(); // closed before the end of its request, or a head too long to be the article's
                return;
            }
            if (headComplete()) {
                key.interestOps(0); // nothing more to read: the answer is timed from here
                String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
                after(answer.latency(), () -> answer(answer.badRequestFor().apply(text)));
            }
        }

        private boolean headComplete() {
            int end = head.position();
            if (end < END_OF_HEAD.length) {
                return false;
            }
            for (int i = 0; i < END_OF_HEAD.length; i++) {
                if (head.get(end - END_OF_HEAD.length + i) != END_OF_HEAD[i]) {
                    return false;
                }
            }
            return true;
        }

        private void answer(byte[] badRequest) {
            if (badRequest != null) {
                write(badRequest, 0, badRequest.length);
                close();
                return;
            }
            // The head and half the body, a pause, then the rest: at least two reads for the client.
            write(answer.response(), 0, answer.half());
            after(partPause, () -> {
                write(answer.response(), answer.half(), answer.response().length - answer.half());
                close();
            });
        }

        /** A few hundred bytes into an empty socket buffer: written at once, or the client is gone. */
        private void write(byte[] bytes, int offset, int length) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        close(); // a client that reads nothing for a whole socket buffer is dropped
                        return;
                    }
                }
            } catch (IOException clientGone) {
                close();
            }
        }

        void close() {
            try {
                key.cancel();
                channel.close();
            } catch (IOException ignored) {
                // Closing: nothing useful to do with a failure here.
            }
        }
    }

    private record Timer(long dueNanos, long order, Runnable action) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
