package coroutines.testbed;

/**
 * The ways a local host can misbehave, so that every stage can be seen (and tested) failing
 * the way real network code fails: one host at a time, without stopping the others.
 */
public enum Fault {
    /** Nothing listens on the host's port: the connect is refused. */
    REFUSE("nothing listens on its port, so the connect is refused"),
    /** The host sends the head and part of the body, then resets the connection (a TCP RST). */
    RESET("sends part of the body, then resets the connection"),
    /** The host accepts and reads the request, then never answers: only a timeout ends the wait. */
    SILENT("accepts the request and never answers"),
    /** The host answers with bytes that are not HTTP (an SSH banner, as if the port were wrong). */
    GARBAGE("answers with bytes that are not HTTP"),
    /** The host answers 301 with a body of several MiB, written in many pieces. */
    HUGE("answers with a body of several MiB"),
    /** The host answers the usual 301 one byte at a time. */
    TRICKLE("answers one byte at a time"),
    /** The host accepts the connection and closes it at once, before reading or sending a byte. */
    HANGUP("accepts, then closes at once without a byte"),
    /** The host sends the head and half the body it declares in Content-Length, then closes normally. */
    TRUNCATED("sends the head and half the declared body, then closes"),
    /** The host sends the whole usual 301 and then keeps the connection open until the client goes. */
    UNCLOSED("sends the whole answer, then never closes"),
    /** The host sends a 200 head, then one body byte every few milliseconds, without end. */
    DRIP("sends a byte every few ms, forever"),
    /** The host accepts the connection and never reads the request, nor sends anything. */
    DEAF("never reads the request and never answers");

    private final String behaviour;

    Fault(String behaviour) {
        this.behaviour = behaviour;
    }

    /** What the host does in this mode, in words for a help text. */
    public String behaviour() {
        return behaviour;
    }
}
