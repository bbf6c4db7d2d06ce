package coroutines.testbed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws a run's events in the terminal, one lane per request on a shared time axis, so that
 * overlap is seen rather than read: in stage 1 the lanes follow each other, from stage 2 on
 * they lie side by side.
 *
 * <pre>
 * so1n.me     cCs-------------r--rE
 * github.com                         cCs--------r--rE
 * </pre>
 */
public final class Timeline {

    /** Columns of the time axis. */
    public static final int WIDTH = 64;

    private Timeline() {
    }

    /**
     * The picture of the events, one lane per request in the order given, named by host (and by
     * number too where a host is requested more than once).
     */
    public static String render(List<Event> events, List<Target> requests) {
        if (events.isEmpty()) {
            return "timeline: no events\n";
        }
        long start = events.stream().mapToLong(Event::nanos).min().orElseThrow();
        long end = events.stream().mapToLong(Event::nanos).max().orElseThrow();
        double nanosPerColumn = Math.max(1, end - start) / (double) (WIDTH - 1);
        List<String> names = requests.stream().map(request -> Run.labelOf(request, requests)).toList();
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(4) + 2;

        StringBuilder picture = new StringBuilder();
        picture.append(String.format(Locale.ROOT,
                "timeline: 0 to %d ms, one column = %.1f ms; c connect C connected s sent r read E end x failed%n",
                Math.round((end - start) / 1e6), nanosPerColumn / 1e6));
        for (int r = 0; r < requests.size(); r++) {
            int number = requests.get(r).request();
            char[] lane = new char[WIDTH];
            Arrays.fill(lane, ' ');
            List<Event> own = events.stream().filter(e -> e.request() == number).toList();
            if (!own.isEmpty()) {
                int first = column(own.get(0).nanos(), start, nanosPerColumn);
                int last = column(own.get(own.size() - 1).nanos(), start, nanosPerColumn);
                for (int i = first; i <= last; i++) {
                    lane[i] = '-';
                }
                // Where events share a column the first one stays (a connect is not hidden by the
                // send just after it), except that an end or a failure always shows.
                for (Event event : own) {
                    int at = column(event.nanos(), start, nanosPerColumn);
                    boolean ending = event.kind() == Event.Kind.END || event.kind() == Event.Kind.FAILED;
                    if (lane[at] == '-' || ending) {
                        lane[at] = event.kind().mark();
                    }
                }
            }
            picture.append(String.format("%-" + nameWidth + "s%s", names.get(r), new String(lane)).stripTrailing())
                    .append(System.lineSeparator());
        }
        return picture.toString();
    }

    private static int column(long nanos, long start, double nanosPerColumn) {
        return (int) Math.min(WIDTH - 1, Math.round((nanos - start) / nanosPerColumn));
    }
}
