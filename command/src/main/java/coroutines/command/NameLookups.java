package coroutines.command;

import coroutines.testbed.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks up, before the run starts, every target name that needs DNS: all at once, each bounded by
 * {@code --timeout}. A lookup blocks its thread, and in stages 2 to 5 one thread runs every request:
 * a slow DNS answer there would stall every other host. asyncio hands {@code getaddrinfo} to a thread
 * pool for the same reason; here the command line does the lookups first, on threads of their own, and
 * the run and the stage only ever see addresses.
 *
 * <p>A name that has no address, or whose lookup does not end in time, keeps an unresolved address
 * and the reason; the stage's {@link Target#resolve()} then fails that host only, as before. A lookup
 * that timed out goes on in the background (a JDK lookup cannot be interrupted) on a daemon thread,
 * which the process does not wait for.
 */
final class NameLookups {

    /** How a name becomes an address; the JDK's resolver, or a stand-in in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress lookUp(String name) throws UnknownHostException;
    }

    private NameLookups() {
    }

    /** A name that DNS resolves before the run starts, on port 80, as in the article. */
    static Target viaDns(String host) {
        return new Target(host, InetSocketAddress.createUnresolved(host, 80));
    }

    /** The targets, in the same order, with every DNS name looked up (at most {@code timeout} in all). */
    static List<Target> resolveAll(List<Target> targets, Duration timeout) {
        return resolveAll(targets, timeout, InetAddress::getByName);
    }

    static List<Target> resolveAll(List<Target> targets, Duration timeout, Resolver resolver) {
        Map<String, CompletableFuture<InetAddress>> lookups = new LinkedHashMap<>();
        for (Target target : targets) {
            if (target.address().isUnresolved() && target.lookupFailure() == null) {
                lookups.putIfAbsent(HostName.comparable(target.address().getHostString()), null);
            }
        }
        if (lookups.isEmpty()) {
            return targets;
        }
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "command-dns");
            thread.setDaemon(true);
            return thread;
        });
        try {
            lookups.replaceAll((name, none) -> CompletableFuture.supplyAsync(() -> lookUp(resolver, name), threads));
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Target> resolved = new ArrayList<>();
            for (Target target : targets) {
                CompletableFuture<InetAddress> lookup =
                        lookups.get(HostName.comparable(target.address().getHostString()));
                resolved.add(lookup == null ? target : withAnswer(target, lookup, deadline, timeout));
            }
            return resolved;
        } finally {
            threads.shutdownNow();
        }
    }

    private static InetAddress lookUp(Resolver resolver, String name) {
        try {
            return resolver.lookUp(name);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Target withAnswer(Target target, CompletableFuture<InetAddress> lookup, long deadline,
                                     Duration timeout) {
        InetSocketAddress unresolved = target.address();
        try {
            InetAddress address = lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (address == null) {
                return failed(target, "DNS has no address for it");
            }
            return new Target(target.host(), new InetSocketAddress(address, unresolved.getPort()), null, target.request());
        } catch (TimeoutException e) {
            return failed(target, "DNS gave no answer within --timeout, "
                    + timeout.toMillis() + " ms; try a longer --timeout");
        } catch (ExecutionException e) {
            return failed(target, "the lookup failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(target, "the lookup was interrupted");
        }
    }

    /** The same request, after a lookup that gave no address, and why: the stage's failure quotes it. */
    private static Target failed(Target target, String why) {
        return new Target(target.host(), target.address(), why, target.request());
    }
}
