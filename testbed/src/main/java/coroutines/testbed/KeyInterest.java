package coroutines.testbed;

/**
 * What a request's selector key waits for from now on: recorded by {@link Deadlines#startWait}, which a
 * loop on keys calls when a request joins it and after each callback (stage 3). The pictures list the
 * selector's keys at each step from these, so no lesson method gains a line for them.
 *
 * @param nanos         when, on the clock of {@link Event#nanos()}
 * @param request       the request's number ({@link Target#request()})
 * @param interestOps   the key's interest set then, as {@link java.nio.channels.SelectionKey#interestOps()}
 */
public record KeyInterest(long nanos, int request, int interestOps) {
}
