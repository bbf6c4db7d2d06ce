package coroutines.testbed;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One request a stage makes: the host name that goes into the request line and the Host header,
 * where to connect for it (a local host, a {@code --resolve} rule, or DNS on port 80), and the
 * request's number in its run. A host named twice is two requests, told apart by that number.
 *
 * @param host    the name the request is for, e.g. {@code so1n.me}
 * @param address where to connect; unresolved when the name still has to go through DNS
 * @param request the request's number in its run, from 1; 0 until a {@link Run} numbers it
 */
public record Target(String host, InetSocketAddress address, int request) {

    /** A request not yet numbered: the {@link Run} it is given to numbers it. */
    public Target(String host, InetSocketAddress address) {
        this(host, address, 0);
    }

    /** The same host and address as request number {@code request}. */
    public Target numbered(int request) {
        return new Target(host, address, request);
    }

    /** A name that DNS resolves when the stage connects, on port 80, as in the article. */
    public static Target viaDns(String host) {
        return new Target(host, InetSocketAddress.createUnresolved(host, 80));
    }

    /**
     * The address to connect to, resolving the name now if needed. Resolving blocks (so does
     * Python's {@code connect}); the stages call this inside their per-host error handling, so an
     * unknown name fails that host only.
     */
    public InetSocketAddress resolve() throws UnknownHostException {
        if (!address.isUnresolved()) {
            return address;
        }
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        return resolved;
    }

    @Override
    public String toString() {
        return (request == 0 ? "" : "#" + request + " ") + host + " -> " + address.getHostString() + ":" + address.getPort();
    }
}
