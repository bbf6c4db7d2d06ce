package coroutines.testbed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One {@code --resolve HOST:PORT:ADDRESS} rule, in curl's syntax: requests for HOST go to
 * ADDRESS:PORT, while the request line and the Host header still say HOST. ADDRESS is a numeric
 * IPv4 address or a bracketed IPv6 one, as with curl.
 */
public record ResolveRule(String host, int port, InetAddress address) {

    public static final String SYNTAX = "HOST:PORT:ADDRESS, e.g. so1n.me:8080:127.0.0.1";

    /** Parses a rule, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static ResolveRule parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNTAX);
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port '" + parts[1] + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port " + port + " is not in 1..65535");
        }
        return new ResolveRule(parts[0], port, numericAddress(text, parts[2]));
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    private static InetAddress numericAddress(String rule, String text) {
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        String literal = bracketed ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = bracketed && literal.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("'" + rule + "': the address '" + text
                    + "' is not a numeric IPv4 address or a bracketed IPv6 one");
        }
        try {
            // A literal address is parsed, never looked up in DNS.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + rule + "': the address '" + text + "' is not valid");
        }
    }
}
