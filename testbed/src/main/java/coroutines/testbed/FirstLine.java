package coroutines.testbed;

import java.util.Arrays;

/**
 * The start of one answer, kept until its first line end, so that a failure can quote the status
 * line, or the first bytes if no line end came. At most {@link #MOST_BYTES} are kept: a run of
 * 10,000 requests keeps a few dozen bytes for each, never whole answers (the stage keeps those).
 */
final class FirstLine {

    /** A first line longer than this is quoted cut: a real status line is some 20 to 40 bytes. */
    static final int MOST_BYTES = 200;

    // Grows only until the first LF (kept with it) or MOST_BYTES; most answers fill it in one read.
    private byte[] kept = new byte[0];

    /** Keeps what of the first {@code length} bytes of {@code chunk} still belongs to the first line. */
    synchronized void add(byte[] chunk, int length) {
        if (complete()) {
            return;
        }
        int limit = Math.min(length, MOST_BYTES - kept.length);
        int taken = 0;
        while (taken < limit && chunk[taken++] != '\n') {
            // the line goes on
        }
        int before = kept.length;
        kept = Arrays.copyOf(kept, before + taken);
        System.arraycopy(chunk, 0, kept, before, taken);
    }

    /** The bytes kept: the first line with its line end, or the first bytes if no line end came within {@link #MOST_BYTES}. */
    synchronized byte[] bytes() {
        return kept.clone();
    }

    private boolean complete() {
        return kept.length == MOST_BYTES || (kept.length > 0 && kept[kept.length - 1] == '\n');
    }
}
