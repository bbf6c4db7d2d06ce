package coroutines.testbed;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What a stage's code sees of its run: what happened to which request, and the bound on every wait.
 * Ten methods, no more; the rest of a run (numbering, printing, the timeline, the summary line)
 * is {@link StageRun}'s, out of the lesson's sight.
 */
public interface Run {

    /** The longest any single wait may last: a connect, or a time without any progress. */
    Duration timeout();

    /** Every other bound on a wait, and what an expired wait fails with: a new one per loop or request. */
    Deadlines deadlines();

    /** Where the stage prints what the article prints (nowhere, with {@code --quiet}). */
    PrintStream out();

    /** The connect of {@code request} starts now. */
    void connecting(Target request);

    /** The connect of {@code request} is done. */
    void connected(Target request);

    /** The whole request line and headers of {@code request} are written. */
    void sent(Target request);

    /** A read gave {@code length} bytes from the start of {@code chunk}; 0 or -1 is the end of the stream. */
    void read(Target request, byte[] chunk, int length);

    /** The whole response of {@code request} arrived: the run prints it and counts it answered. */
    void answered(Target request, byte[] response);

    /** {@code request} failed: the run prints one line naming the host and why (a bug's stack trace too). */
    void failed(Target request, Throwable cause);

    /**
     * {@code --fail-in HOST}: throws an IllegalStateException, "a bug in {@code where}", if the option
     * names this request's host. The exception's trace starts at the caller's line, where the bug is put.
     */
    void failHereIfAsked(Target request, String where);
}
