package coroutines.command;

import coroutines.testbed.TerminalText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One {@code --resolve HOST:PORT:ADDRESS} rule, in curl's syntax: requests for HOST go to
 * ADDRESS:PORT, while the request line and the Host header still say HOST. ADDRESS is a numeric
 * IPv4 address or a bracketed IPv6 one, as with curl; HOST must be a valid host name
 * ({@link HostName}), and PORT ASCII digits in 1..65535.
 */
record ResolveRule(String host, int port, InetAddress address) {

    public static final String SYNTAX = "HOST:PORT:ADDRESS, e.g. so1n.me:8080:127.0.0.1";

    /** Parses a rule, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static ResolveRule parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("'" + TerminalText.escapeLine(text) + "' is not " + SYNTAX);
        }
        // curl reads the port as ASCII digits only: Integer.parseInt would take "+80" and "٨٠" too.
        if (!parts[1].matches("[0-9]+")) {
            throw new IllegalArgumentException("'" + TerminalText.escapeLine(text) + "': the port '"
                    + TerminalText.escapeLine(parts[1]) + "' is not a number (ASCII digits 0-9 only)");
        }
        int port = parts[1].length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(parts[1]);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port " + parts[1] + " is not in 1..65535");
        }
        String host;
        try {
            host = HostName.toAscii(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + TerminalText.escapeLine(text) + "': " + e.getMessage());
        }
        return new ResolveRule(host, port, numericAddress(text, parts[2]));
    }

    /**
     * Whether this rule is for {@code name} (in ASCII form). DNS names are case-insensitive, and so
     * is curl here: it keys its DNS cache, where {@code --resolve} entries go, by the lower-cased
     * name and port (hostip.c, {@code create_hostcache_id}), so a rule for so1n.me serves SO1N.ME.
     * The request still says the name as given, as curl's does.
     */
    public boolean isFor(String name) {
        return HostName.comparable(host).equals(HostName.comparable(name));
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
