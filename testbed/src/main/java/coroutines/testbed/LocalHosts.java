package coroutines.testbed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The article's four hosts, played in-process on loopback so that every stage runs offline.
 *
 * <p>Each host listens on an ephemeral port of 127.0.0.1 and answers the article's request with a
 * {@code 301 Moved Permanently} to {@code https://HOST/}, HTTP/1.0 style: one response, then the
 * connection is closed. Each host waits its own latency before answering and writes the body in
 * two parts with a pause between them, so a client sees several reads per host.
 *
 * <p>Why hand-written and not an HTTP server library: the hosts must accept the article's
 * absolute-form request without a path (the JDK's HttpServer answers it with 404), and the fault
 * modes need control over single bytes and over how the connection ends (a reset, a byte at a
 * time, silence). A plain {@link ServerSocket} with one thread per connection is the simplest
 * thing that gives that control; it is not part of any lesson. Hosts in a process of their own
 * that hold 10,000 connections at once ({@link Builder#servingManyConnections()}, the scale
 * benchmark's) are served instead by one {@link SelectorServer}, without faults or a gate.
 */
public final class LocalHosts implements Closeable {

    /** The article's four hosts, in the article's order. */
    public static final List<String> ARTICLE_HOSTS =
            List.of("so1n.me", "github.com", "google.com", "baidu.com");

    /** Default latencies: distinct, so the order in which hosts finish is visible. */
    public static final Map<String, Duration> DEFAULT_LATENCIES = Map.of(
            "so1n.me", Duration.ofMillis(300),
            "github.com", Duration.ofMillis(200),
            "google.com", Duration.ofMillis(100),
            "baidu.com", Duration.ofMillis(400));

    /** The pause between the two parts of each answer: the slowest host answers in its latency plus this. */
    public static final Duration DEFAULT_PART_PAUSE = Duration.ofMillis(50);

    /** The size of the body in {@link Fault#HUGE} mode. */
    public static final int HUGE_BODY_BYTES = 4 * 1024 * 1024;

    // The ids of the threads that play the hosts, in every LocalHosts of this JVM: the run's CPU
    // estimate leaves them out, since they are the servers' work, not the client's.
    private static final Set<Long> HOST_THREADS = ConcurrentHashMap.newKeySet();

    private static final int MAX_REQUEST_BYTES = 8 * 1024;
    // ServerSocket's default backlog of 50 drops connects when thousands arrive at once; the kernel
    // caps this at /proc/sys/net/core/somaxconn.
    static final int LISTEN_BACKLOG = 16_384;
    private static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    // A silent, deaf, unclosed or dripping host holds its connection at most this long, so a forgotten server never leaks.
    private static final Duration SILENCE_LIMIT = Duration.ofMinutes(2);

    private final Settings settings;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final CountDownLatch gate;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
    private final List<String> requestsReceived = new CopyOnWriteArrayList<>();
    // Null for in-process hosts, which start a thread per connection.
    private final SelectorServer selectorServer;

    private LocalHosts(Settings settings) throws IOException {
        this.settings = settings;
        this.gate = new CountDownLatch(settings.gate);
        this.selectorServer = settings.manyConnections ? new SelectorServer(settings.partPause) : null;
        try {
            for (String name : settings.names) {
                hosts.put(name, new Host(name, settings.faults.get(name)));
            }
            if (selectorServer != null) {
                selectorServer.start();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the four hosts with the default latencies and no faults. */
    public static LocalHosts start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where each host listens, in the order the hosts were named. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        hosts.values().forEach(host -> targets.add(new Target(host.name, host.address)));
        return targets;
    }

    /** The address of one host. */
    public InetSocketAddress addressOf(String host) {
        return hostNamed(host).address;
    }

    /** The exact bytes this host sends for a well-formed request (for the modes that answer HTTP). */
    public byte[] responseFor(String host) {
        return hostNamed(host).response.clone();
    }

    /** The heads of the requests received so far (request line and headers), in arrival order. */
    public List<String> requestsReceived() {
        return Collections.unmodifiableList(requestsReceived);
    }

    /** The latency of one host, as configured. */
    public Duration latencyOf(String host) {
        return settings.latencies.getOrDefault(host, Duration.ZERO);
    }

    private Host hostNamed(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no local host named " + name + "; there are " + hosts.keySet());
        }
        return host;
    }

    @Override
    public void close() {
        closed.countDown();
        for (Host host : hosts.values()) {
            host.closeQuietly();
        }
        for (Socket connection : openConnections) {
            closeQuietly(connection);
        }
        if (selectorServer != null) {
            selectorServer.close();
        }
    }

    /** The bytes of the 301 each host sends: the head, then a small nginx-like HTML body. */
    static byte[] movedPermanently(String host, byte[] body) {
        String head = "HTTP/1.1 301 Moved Permanently\r\n"
                + "Server: testbed\r\n"
                + "Content-Type: text/html\r\n"
                + "Location: https://" + host + "/\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    static byte[] smallBody() {
        return ("<html>\r\n"
                + "<head><title>301 Moved Permanently</title></head>\r\n"
                + "<body>\r\n"
                + "<center><h1>301 Moved Permanently</h1></center>\r\n"
                + "<hr><center>testbed</center>\r\n"
                + "</body>\r\n"
                + "</html>\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A body of {@link #HUGE_BODY_BYTES}: readable lines, numbered, so a lost piece shows. */
    static byte[] hugeBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(HUGE_BODY_BYTES);
        int line = 0;
        while (body.size() < HUGE_BODY_BYTES) {
            byte[] text = String.format("<!-- filler line %07d of a huge body -->\r\n", line++)
                    .getBytes(StandardCharsets.US_ASCII);
            body.write(text, 0, Math.min(text.length, HUGE_BODY_BYTES - body.size()));
        }
        return body.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing on the way out: nothing useful to do with a failure here.
        }
    }

    /** Whether the thread with this id plays a host (its CPU is the server's, not the client's). */
    static boolean isHostThread(long threadId) {
        return HOST_THREADS.contains(threadId);
    }

    /** A daemon thread of the hosts, known as such from before it starts until it ends. */
    private static Thread hostThread(Runnable work, String name) {
        Thread[] self = new Thread[1];
        self[0] = new Thread(() -> {
            try {
                work.run();
            } finally {
                HOST_THREADS.remove(self[0].getId());
            }
        }, name);
        self[0].setDaemon(true);
        HOST_THREADS.add(self[0].getId());
        return self[0];
    }

    /** One host: its listening socket, its accept thread and what it answers. */
    private final class Host {
        private final String name;
        private final Fault fault;
        private final byte[] response;
        private final int bodyStart;
        private final ServerSocket listener;
        /** For REFUSE: a socket bound to the host's port that never listens. */
        private final Socket boundNotListening;
        private final InetSocketAddress address;

        Host(String name, Fault fault) throws IOException {
            this.name = name;
            this.fault = fault;
            byte[] body = fault == Fault.HUGE ? hugeBody() : smallBody();
            this.response = movedPermanently(name, body);
            this.bodyStart = response.length - body.length;
            InetAddress loopback = InetAddress.getLoopbackAddress();
            if (fault == Fault.REFUSE) {
                // Bound, never listening: connects are refused. Freeing the port instead let the
                // next host be given it, and the "refused" host answered (a CI run saw 6 of 6).
                this.boundNotListening = new Socket();
                boundNotListening.bind(new InetSocketAddress(loopback, 0));
                this.address = new InetSocketAddress(loopback, boundNotListening.getLocalPort());
                this.listener = null;
                return;
            }
            this.boundNotListening = null;
            ServerSocket socket = selectorServer != null ? SelectorServer.listen(loopback, LISTEN_BACKLOG)
                    : new ServerSocket(0, LISTEN_BACKLOG, loopback);
            this.address = new InetSocketAddress(loopback, socket.getLocalPort());
            if (selectorServer != null) {
                this.listener = socket;
                int half = bodyStart + (response.length - bodyStart) / 2;
                selectorServer.serve(socket, new SelectorServer.Answer(response, half,
                        settings.latencies.getOrDefault(name, Duration.ZERO), head -> {
                            String problem = problemWith(head);
                            return problem == null ? null : badRequest(problem);
                        }));
            } else {
                this.listener = socket;
                Thread acceptor = hostThread(this::acceptLoop, "testbed-" + name + "-accept");
                acceptor.start();
            }
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    openConnections.add(connection);
                    Thread handler = hostThread(() -> serve(connection), "testbed-" + name);
                    handler.start();
                } catch (IOException e) {
                    return; // the listener was closed
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                connection.setTcpNoDelay(true);
                if (fault == Fault.HANGUP) {
                    return; // closed by the try, before a byte either way
                }
                if (fault == Fault.DEAF) {
                    // Never reads: once the socket buffers are full, a client's write can only wait.
                    closed.await(SILENCE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                connection.setSoTimeout((int) REQUEST_READ_TIMEOUT.toMillis());
                // Buffered: a read() per byte of the head would be a system call per byte.
                String head = readRequestHead(new BufferedInputStream(connection.getInputStream(), 512));
                requestsReceived.add(head);
                gate.countDown();
                if (!gate.await(settings.gateTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return; // the gate never opened: hang up rather than hold the thread forever
                }
                if (pause(settings.latencies.getOrDefault(name, Duration.ZERO))) {
                    return;
                }
                String problem = problemWith(head);
                OutputStream out = connection.getOutputStream();
                if (problem != null) {
                    out.write(badRequest(problem));
                    return;
                }
                answer(connection, out);
            } catch (IOException e) {
                // The client hung up or timed out: its side reports that, not the server's.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                openConnections.remove(connection);
            }
        }

        private String readRequestHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0; // how much of "\r\n\r\n" the last bytes were
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("the client closed before the end of its request");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > MAX_REQUEST_BYTES) {
                    throw new IOException("request head longer than " + MAX_REQUEST_BYTES + " bytes");
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        /** Null if the head is a GET for this host in absolute or origin form; else what is wrong. */
        private String problemWith(String head) {
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("GET") || !requestLine[2].startsWith("HTTP/1.")) {
                return "expected a request line like 'GET http://" + name + " HTTP/1.0', got '" + lines[0] + "'";
            }
            String target = requestLine[1];
            // Host names are case-insensitive (RFC 3986): a request for SO1N.ME is one for so1n.me.
            boolean absolute = target.equalsIgnoreCase("http://" + name) || target.equalsIgnoreCase("http://" + name + "/");
            boolean origin = target.equals("/");
            if (!absolute && !origin) {
                return "this host serves http://" + name + " only, not '" + target + "'";
            }
            return null;
        }

        private byte[] badRequest(String problem) {
            byte[] body = (problem + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            String head = "HTTP/1.1 400 Bad Request\r\nServer: testbed\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            return concat(head.getBytes(StandardCharsets.US_ASCII), body);
        }

        private void answer(Socket connection, OutputStream out) throws IOException, InterruptedException {
            if (fault == null) {
                answerInTwoParts(out);
                return;
            }
            switch (fault) {
                case SILENT -> closed.await(SILENCE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                case GARBAGE -> out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
                case TRICKLE -> {
                    for (byte b : response) {
                        out.write(b);
                        out.flush();
                        if (pause(settings.trickleDelay)) {
                            return;
                        }
                    }
                }
                case RESET -> {
                    int half = bodyStart + (response.length - bodyStart) / 2;
                    out.write(response, 0, half);
                    out.flush();
                    if (pause(settings.partPause)) {
                        return;
                    }
                    // Linger 0 makes close() send a TCP RST instead of an orderly FIN.
                    connection.setSoLinger(true, 0);
                }
                case HUGE -> {
                    int piece = 64 * 1024;
                    for (int offset = 0; offset < response.length; offset += piece) {
                        out.write(response, offset, Math.min(piece, response.length - offset));
                    }
                }
                case TRUNCATED -> out.write(response, 0, bodyStart + (response.length - bodyStart) / 2);
                case UNCLOSED -> {
                    out.write(response);
                    out.flush();
                    waitForTheClientToGo(connection);
                }
                case DRIP -> drip(out);
                case REFUSE, HANGUP, DEAF -> throw new IllegalStateException(fault + " never gets this far");
            }
        }

        /** Holds the connection open until the client closes its side (or the hosts close, or the limit). */
        private void waitForTheClientToGo(Socket connection) throws IOException {
            connection.setSoTimeout((int) SILENCE_LIMIT.toMillis());
            InputStream in = connection.getInputStream();
            while (in.read() != -1 && !closedAlready()) {
                // Anything more the client sends is ignored; only its close matters.
            }
        }

        /** A 200 head without a length, then a byte every trickle delay until the client goes. */
        private void drip(OutputStream out) throws IOException, InterruptedException {
            out.write(("HTTP/1.1 200 OK\r\nServer: testbed\r\nContent-Type: text/plain\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long end = System.nanoTime() + SILENCE_LIMIT.toNanos();
            while (System.nanoTime() < end) {
                out.write('.');
                out.flush(); // throws once the client has gone: that ends the drip
                if (pause(settings.trickleDelay)) {
                    return;
                }
            }
        }

        private boolean closedAlready() {
            return closed.getCount() == 0;
        }

        private void answerInTwoParts(OutputStream out) throws IOException, InterruptedException {
            // The head and half the body, a pause, then the rest: at least two reads for the client.
            int half = bodyStart + (response.length - bodyStart) / 2;
            out.write(response, 0, half);
            out.flush();
            if (pause(settings.partPause)) {
                return;
            }
            out.write(response, half, response.length - half);
            out.flush();
        }

        /** Waits, unless the hosts are closed first; true if they were. */
        private boolean pause(Duration duration) throws InterruptedException {
            return !duration.isZero() && closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }

        void closeQuietly() {
            if (listener != null) {
                LocalHosts.closeQuietly(listener);
            }
            if (boundNotListening != null) {
                LocalHosts.closeQuietly(boundNotListening);
            }
        }
    }

    /** Settings of the hosts; see {@link Builder}. */
    private static final class Settings {
        List<String> names = ARTICLE_HOSTS;
        Map<String, Duration> latencies = new LinkedHashMap<>(DEFAULT_LATENCIES);
        Map<String, Fault> faults = new LinkedHashMap<>();
        int gate = 0;
        boolean manyConnections = false;
        Duration gateTimeout = Duration.ofSeconds(30);
        Duration partPause = DEFAULT_PART_PAUSE;
        Duration trickleDelay = Duration.ofMillis(2);
    }

    /** Configures the hosts before they start. */
    public static final class Builder {
        private final Settings settings = new Settings();

        private Builder() {
        }

        /** Which hosts to play, instead of the article's four. */
        public Builder hosts(List<String> names) {
            settings.names = List.copyOf(names);
            return this;
        }

        /** How long a host waits after the request (and after the gate, if any) before answering. */
        public Builder latency(String host, Duration latency) {
            settings.latencies.put(host, latency);
            return this;
        }

        /** Every host answers at once: for tests that need no latency to show anything. */
        public Builder noLatency() {
            settings.names.forEach(name -> settings.latencies.put(name, Duration.ZERO));
            settings.partPause = Duration.ZERO;
            return this;
        }

        /** Makes one host misbehave. */
        public Builder fault(String host, Fault fault) {
            settings.faults.put(host, fault);
            return this;
        }

        /**
         * No host answers until {@code requests} requests have arrived, over all hosts. A client
         * that waits for one answer before sending the next request can never open it; a concurrent
         * client must. A closed gate gives up after {@code timeout} and hangs up.
         */
        public Builder gate(int requests, Duration timeout) {
            if (requests < 0) {
                throw new IllegalArgumentException("a gate needs zero or more requests, not " + requests);
            }
            settings.gate = requests;
            settings.gateTimeout = timeout;
            return this;
        }

        /**
         * For hosts in a process of their own that serve many connections at once and over a long
         * life (the scale benchmark's): one {@link SelectorServer} instead of a thread per
         * connection. It plays no faults and no gate, and keeps no request heads
         * ({@link LocalHosts#requestsReceived()} stays empty).
         */
        public Builder servingManyConnections() {
            settings.manyConnections = true;
            return this;
        }

        /** The pause between the two parts of a body (and before a reset). */
        public Builder partPause(Duration pause) {
            settings.partPause = pause;
            return this;
        }

        /** The pause after each byte in {@link Fault#TRICKLE} mode. */
        public Builder trickleDelay(Duration delay) {
            settings.trickleDelay = delay;
            return this;
        }

        public LocalHosts start() throws IOException {
            if (settings.manyConnections && (!settings.faults.isEmpty() || settings.gate > 0)) {
                throw new IllegalArgumentException("hosts serving many connections play no faults and no gate;"
                        + " use in-process hosts (without servingManyConnections) for " + settings.faults.keySet()
                        + (settings.gate > 0 ? " and the gate" : ""));
            }
            for (String host : settings.faults.keySet()) {
                if (!settings.names.contains(host)) {
                    throw new IllegalArgumentException("a fault for " + host + ", which is not one of " + settings.names);
                }
            }
            return new LocalHosts(settings);
        }
    }
}
