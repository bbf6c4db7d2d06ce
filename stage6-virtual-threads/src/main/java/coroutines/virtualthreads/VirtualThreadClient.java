package coroutines.virtualthreads;

import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Stage;
import coroutines.testbed.StageCommand;
import coroutines.testbed.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stage 6 (JDK 21+), the article's closing NOTE seen from Java: stage 1's blocking request,
 * unchanged, on one virtual thread per host. A virtual thread that blocks in {@code read} is a
 * continuation put aside; the JDK's scheduler runs another one on the carrier thread, and its
 * poller (epoll, like stage 3's selector) wakes the right one when its socket is ready. The
 * three parts stages 3 to 5 built by hand are inside the JDK; the code reads like stage 1 and
 * runs like stage 5.
 */
public final class VirtualThreadClient implements Client {

    public static final Stage STAGE = new Stage("stage6-virtual-threads", "stage 1's code, a virtual thread per host",
            "Stage 6 (JDK 21+): stage 1's blocking request, unchanged, on one virtual thread per host.",
            new VirtualThreadClient());

    public static void main(String[] args) {
        StageCommand.main(STAGE, args);
    }

    @Override
    public void requestAll(List<Target> targets, Run run) {
        CarrierCpu carriers = CarrierCpu.measure();
        // Named threads, so the event record says which request ran where.
        var virtualThreads = Thread.ofVirtual().name("virtual-", 1).factory();
        // close() at the end of the block waits for every task: no request outlives this method.
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtualThreads)) {
            for (Target target : targets) {
                executor.submit(() -> requestAndReport(target, run));
            }
        }
        run.addClientCpu(carriers.elapsed());
    }

    // From here on, stage 1's code, character for character (VirtualThreadClientTest checks it):
    // on a virtual thread, its blocking calls park the virtual thread, not a platform thread.

    /** One host from start to end; its response or its failure goes to the run, never further. */
    public static void requestAndReport(Target target, Run run) {
        try {
            run.answered(target.host(), request(target, run));
        } catch (IOException e) {
            // A failing host is reported here and goes no further: the other hosts carry on.
            run.failed(target.host(), e);
        }
    }

    /** The article's {@code request(host)}: connect, send the request, read until the server closes. */
    public static byte[] request(Target target, Run run) throws IOException {
        String host = target.host();
        String url = "http://" + host;
        int timeoutMillis = (int) run.timeout().toMillis();
        try (Socket sock = new Socket()) {
            run.connecting(host);
            // Python's sock.connect((host, 80)) waits as long as the OS lets it; here every wait is bounded.
            sock.connect(target.resolve(), timeoutMillis);
            sock.setSoTimeout(timeoutMillis);
            run.connected(host);

            sock.getOutputStream().write(("GET " + url + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            run.sent(host);

            ByteArrayOutputStream responseBytes = new ByteArrayOutputStream();
            InputStream in = sock.getInputStream();
            byte[] chunk = new byte[4096];
            int length = in.read(chunk); // blocks until bytes arrive, the server closes, or the timeout
            run.read(host, length);
            while (length != -1) {
                responseBytes.write(chunk, 0, length);
                length = in.read(chunk);
                run.read(host, length);
            }
            return responseBytes.toByteArray();
        }
    }
}
