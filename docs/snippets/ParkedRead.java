import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The three parts of a virtual thread, seen from outside (JDK 21+, run with
 * {@code java docs/snippets/ParkedRead.java}): a virtual thread blocks in a socket read that
 * never gets an answer, and while it waits, this program prints its state and stack (the
 * continuation, kept while it is parked), the platform threads of the JDK (the scheduler's
 * carriers and the poller), then interrupts it (Java's nearest thing to asyncio's cancel).
 */
public class ParkedRead {

    public static void main(String[] args) throws Exception {
        try (ServerSocket silentServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = Thread.ofVirtual().name("reader").start(() -> readOnce(silentServer.getLocalPort()));
            try (Socket accepted = silentServer.accept()) { // accepted, and never answered
                long deadline = System.nanoTime() + 10_000_000_000L; // every wait is bounded, this one too
                while (!isParkedInRead(reader)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the reader never parked in read: " + reader.getState());
                    }
                    Thread.sleep(1);
                }
                System.out.println("the virtual thread, while it waits: " + reader.getState());
                System.out.println("its stack, kept while no carrier runs it (top first):");
                for (StackTraceElement frame : reader.getStackTrace()) {
                    System.out.println("    " + frame.getClassName() + "." + frame.getMethodName());
                }
                System.out.println("the platform threads of this JVM: " + platformThreads());
                reader.interrupt();
                reader.join();
            }
        }
    }

    private static void readOnce(int port) {
        try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), port)) {
            InputStream in = sock.getInputStream();
            int length = in.read(new byte[4096]); // parks this virtual thread: the server never answers
            System.out.println("read returned " + length);
        } catch (IOException e) {
            System.out.println("after interrupt(), read threw " + e
                    + "; interrupted: " + Thread.currentThread().isInterrupted());
        }
    }

    /** Waiting, with an InputStream.read on its stack: parked in the read, not in the connect. */
    private static boolean isParkedInRead(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(InputStream.class.getName())
                        && frame.getMethodName().equals("read"));
    }

    private static List<String> platformThreads() {
        TreeSet<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
        return List.copyOf(names);
    }
}
