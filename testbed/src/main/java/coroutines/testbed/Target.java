package coroutines.testbed;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One request a stage makes: the host name that goes into the request line and the Host header,
 * where to connect for it (a local host, or an address the command line found for a real name), and
 * the request's number in its run. A host named twice is two requests, told apart by that number.
 *
 * @param host          the name the request is for, e.g. {@code so1n.me}
 * @param address       where to connect; unresolved if no lookup gave it one
 * @param lookupFailure why DNS gave no address (no such name, no answer in time); null if it did
 *                      or was never asked
 * @param request       the request's number in its run, from 1; 0 until a {@link StageRun} numbers it
 */
public record Target(String host, InetSocketAddress address, String lookupFailure, int request) {

    /** A request not yet numbered: the {@link StageRun} it is given to numbers it. */
    public Target(String host, InetSocketAddress address) {
        this(host, address, null, 0);
    }

    /** The same host and address as request number {@code request}. */
    public Target numbered(int request) {
        return new Target(host, address, lookupFailure, request);
    }

    /**
     * The address to connect to. The command line looked every name up before the run, bounded by
     * {@code --timeout} and off the stage's threads, so this never waits for DNS: it returns the
     * address found, or throws for a name that has none, inside the stage's per-host error handling,
     * so an unknown name fails that host only.
     */
    public InetSocketAddress resolve() throws UnknownHostException {
        if (address.isUnresolved()) {
            throw new UnknownHostException(host + (lookupFailure == null ? "" : ": " + lookupFailure));
        }
        return address;
    }

    @Override
    public String toString() {
        return (request == 0 ? "" : "#" + request + " ") + host + " -> " + address.getHostString() + ":" + address.getPort();
    }
}
