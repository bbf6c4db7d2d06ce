package coroutines.testbed;

/**
 * One thing that happened to one host's request: the stages write these, the tests read their
 * order (never their times) and the timeline draws them.
 *
 * @param host   the host the request is for
 * @param request the request's number in its run ({@link Target#request()}): a host named twice
 *               has two
 * @param kind   what happened
 * @param nanos  when, from {@link System#nanoTime()}; only for drawing the timeline
 * @param thread the name of the thread the client code ran on when it happened
 * @param bytes  for {@link Kind#READ}, how many bytes that read returned; else 0
 */
public record Event(String host, int request, Kind kind, long nanos, String thread, int bytes) {

    /** What can happen to a request, with the letter that marks it on the timeline. */
    public enum Kind {
        CONNECTING('c'), CONNECTED('C'), SENT('s'), READ('r'), END('E'), FAILED('x');

        private final char mark;

        Kind(char mark) {
            this.mark = mark;
        }

        public char mark() {
            return mark;
        }
    }
}
