package coroutines.scale;

import coroutines.testbed.LocalHosts;
import coroutines.testbed.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The four local hosts in a process of their own ({@code ./run hosts}), so that a client's CPU,
 * memory and threads are its own, and so that both ends of 10,000 connections need not fit in one
 * process's open files. Prints the {@code --resolve} arguments that reach the hosts and the
 * SHA-256 of each host's exact answer, then serves until stopped.
 */
public final class Hosts {

    /** The line before the arguments, so that a program reading this one's output finds them. */
    static final String RESOLVE_PREFIX = "resolve: ";
    /** Each host's answer as a digest: {@code answer: HOST SHA256}. */
    static final String ANSWER_PREFIX = "answer: ";

    private Hosts() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0) {
            System.err.println("usage: ./run hosts (no options: the four hosts with their default latencies)");
            System.exit(2);
        }
        LocalHosts hosts = LocalHosts.builder().servingManyConnections().start();
        Runtime.getRuntime().addShutdownHook(new Thread(hosts::close));
        System.out.println(RESOLVE_PREFIX + resolveArguments(hosts));
        for (Target target : hosts.targets()) {
            System.out.println(ANSWER_PREFIX + target.host() + " " + sha256(hosts.responseFor(target.host())));
        }
        System.out.println(backlogNote());
        System.out.println("serving " + String.join(", ", LocalHosts.ARTICLE_HOSTS) + " until stopped (Ctrl-C)");
        System.out.flush();
        new CountDownLatch(1).await(); // until the process is stopped; the hook closes the hosts
    }

    /** {@code --resolve so1n.me:PORT:127.0.0.1 ...}, one rule per host. */
    static String resolveArguments(LocalHosts hosts) {
        return hosts.targets().stream()
                .map(t -> "--resolve " + t.host() + ":" + t.address().getPort() + ":" + t.address().getAddress().getHostAddress())
                .collect(Collectors.joining(" "));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) { // every JDK has SHA-256
            throw new IllegalStateException(impossible);
        }
    }

    /** The kernel caps every listen backlog at somaxconn: say so when it is below what the hosts ask for. */
    private static String backlogNote() {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        try {
            // readAllLines, not readString: on JDK 17 readString returns only the first byte of a /proc file.
            int cap = Integer.parseInt(Files.readAllLines(somaxconn).get(0).trim());
            return "listen backlog: " + cap + " per host (the kernel's net.core.somaxconn caps it;"
                    + " a burst of more connects than that to one host may see some dropped and retried)";
        } catch (IOException | RuntimeException notLinux) {
            return "listen backlog: as large as the system allows";
        }
    }
}
