package coroutines.command;

import coroutines.testbed.TerminalText;
import java.net.IDN;
import java.util.Locale;

/**
 * Checks a host name given on the command line (a HOST, or the name in a {@code --resolve} rule)
 * before it goes into a request line and a Host header: a name with CR LF in it would send a
 * second request down the connection, a space would break the request line, and a non-ASCII
 * character would go out as the encoder's {@code ?}.
 *
 * <p>A valid name is a DNS name: labels of ASCII letters, digits and hyphens, 1 to 63 characters
 * each, no hyphen at either end, 253 characters in all (a final dot, naming the DNS root, is
 * allowed and not counted). An IPv4 literal such as {@code 127.0.0.1} has that form too. An
 * internationalised name goes through {@link IDN#toASCII} to its ASCII form ({@code bücher.example}
 * becomes {@code xn--bcher-kva.example}), as browsers and curl do, and the request uses that form.
 * Java's IDN implements IDNA2003, which maps a few characters differently from the IDNA2008 of
 * curl's libidn2 ({@code ß} becomes {@code ss} here, {@code xn--zca} there).
 *
 * <p>An IPv6 literal is refused as a HOST: curl takes one only inside a URL's brackets
 * ({@code http://[::1]/}); here an IPv6 server is reached with {@code --resolve NAME:PORT:[ADDRESS]}.
 */
final class HostName {

    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    private HostName() {
    }

    /**
     * The ASCII form of a valid host name, or an {@link IllegalArgumentException} that quotes the
     * name (control characters shown escaped) and says what is wrong with it.
     */
    public static String toAscii(String given) {
        String quoted = "'" + TerminalText.escapeLine(given) + "'";
        if (given.isEmpty()) {
            throw new IllegalArgumentException("'' is an empty host name; a HOST is a DNS name such as so1n.me");
        }
        long colons = given.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            throw new IllegalArgumentException(quoted + " looks like an IPv6 address, which cannot be a HOST here;"
                    + " to reach an IPv6 server, give a name and --resolve NAME:PORT:[ADDRESS]");
        }
        if (colons == 1) {
            String name = given.substring(0, given.indexOf(':'));
            String port = given.substring(given.indexOf(':') + 1);
            throw new IllegalArgumentException(quoted + " has a port, but a HOST is a name only (requests go to port 80);"
                    + " to send its requests to port " + TerminalText.escapeLine(port) + ", add --resolve "
                    + TerminalText.escapeLine(given) + ":ADDRESS and give HOST " + TerminalText.escapeLine(name));
        }
        String ascii = given;
        if (!given.chars().allMatch(c -> c < 0x80)) {
            try {
                // Without USE_STD3_ASCII_RULES, so that the checks below, not IDN, say what is wrong.
                ascii = IDN.toASCII(given, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(quoted + " is not a valid internationalised host name ("
                        + e.getMessage() + ")");
            }
        }
        String problem = problemWith(ascii);
        if (problem != null) {
            String converted = ascii.equals(given) ? "" : " (in ASCII '" + TerminalText.escapeLine(ascii) + "')";
            throw new IllegalArgumentException(quoted + converted + " is not a valid host name: " + problem);
        }
        return ascii;
    }

    /** Null if {@code ascii} is a DNS name; else the first thing wrong with it. */
    private static String problemWith(String ascii) {
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.length() > MAX_LENGTH) {
            return "it has " + name.length() + " characters, more than the " + MAX_LENGTH + " DNS allows";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '.' || c == '-' || isAsciiLetterOrDigit(c))) {
                return describe(c, i) + " at position " + (i + 1)
                        + "; a host name has only letters, digits, hyphens and dots";
            }
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "an empty label (two dots in a row, or a dot at the start)";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "the label '" + label.substring(0, 12) + "...' has " + label.length()
                        + " characters, more than the " + MAX_LABEL_LENGTH + " DNS allows";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "the label '" + label + "' starts or ends with a hyphen";
            }
        }
        return null;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c, int position) {
        return switch (c) {
            case ' ' -> "a space";
            case '\r' -> "a carriage return (\\r)";
            case '\n' -> "a line feed (\\n)";
            case '@' -> position == 0 ? "an '@' (picocli's @file expansion is off: '@NAME' is a host name, not a file to read)" : "'@'";
            default -> c < 0x20 || c == 0x7f
                    ? "the control character " + TerminalText.escapeLine(String.valueOf(c))
                    : "'" + c + "'";
        };
    }

    /** The form in which names are compared: DNS names are case-insensitive. */
    static String comparable(String asciiName) {
        return asciiName.toLowerCase(Locale.ROOT);
    }
}
