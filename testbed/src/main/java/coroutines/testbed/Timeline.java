package coroutines.testbed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Draws a run's events in the terminal, one lane per request on a shared time axis, so that
 * overlap is seen rather than read: in stage 1 the lanes follow each other, from stage 2 on
 * they lie side by side. Every event is drawn: where a request has several events in one
 * column of time, that column is drawn wider in every lane, so the lanes stay aligned.
 *
 * <pre>
 * timeline: 0 to 461 ms, one column = 7.3 ms (wider where events share one); c connect, C connected, s sent, r read, E end
 * so1n.me     cCs----------------------r------rrE
 * github.com  cCs--------------r-----rrE
 * </pre>
 */
public final class Timeline {

    /** Columns of the time axis, before any is widened. */
    public static final int WIDTH = 64;

    /** The most marks one request shows in one column: enough for connect, connected and sent. */
    static final int MOST_MARKS = 3;

    /** Stands for the marks of a column left out between its first and its last. */
    static final char MORE = '+';

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
        List<String> names = requests.stream().map(request -> StageRun.labelOf(request, requests)).toList();
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(4) + 2;

        // Each column is as wide as the most events one request has in it; where one request ends
        // and another starts, as wide as both, so that the one that started later is drawn later.
        List<List<Event>> lanes = new ArrayList<>();
        int[] width = new int[WIDTH];
        int[] ending = new int[WIDTH];
        int[] starting = new int[WIDTH];
        Arrays.fill(width, 1);
        for (Target request : requests) {
            List<Event> own = events.stream().filter(e -> e.request() == request.request()).toList();
            lanes.add(own);
            int[] inColumn = new int[WIDTH];
            for (Event event : own) {
                int at = column(event.nanos(), start, nanosPerColumn);
                width[at] = Math.max(width[at], Math.min(MOST_MARKS, ++inColumn[at]));
            }
            if (!own.isEmpty()) {
                int first = column(own.get(0).nanos(), start, nanosPerColumn);
                int last = column(own.get(own.size() - 1).nanos(), start, nanosPerColumn);
                if (first != last) {
                    starting[first] = Math.max(starting[first], Math.min(MOST_MARKS, inColumn[first]));
                    ending[last] = Math.max(ending[last], Math.min(MOST_MARKS, inColumn[last]));
                }
            }
        }
        for (int i = 0; i < WIDTH; i++) {
            if (starting[i] > 0 && ending[i] > 0) {
                width[i] = Math.max(width[i], starting[i] + ending[i]);
            }
        }
        int[] offset = new int[WIDTH + 1];
        for (int i = 0; i < WIDTH; i++) {
            offset[i + 1] = offset[i] + width[i];
        }

        List<String> drawn = lanes.stream().map(own -> lane(own, start, nanosPerColumn, width, offset)).toList();
        StringBuilder picture = new StringBuilder(String.format(Locale.ROOT,
                "timeline: 0 to %d ms, one column = %.1f ms (wider where events share one); %s%n",
                Math.round((end - start) / 1e6), nanosPerColumn / 1e6, legend(String.join("", drawn))));
        for (int r = 0; r < requests.size(); r++) {
            picture.append(String.format("%-" + nameWidth + "s%s", names.get(r), drawn.get(r)).stripTrailing())
                    .append(System.lineSeparator());
        }
        return picture.toString();
    }

    /** One request's lane: its events' marks, in order, joined by {@code -} from the first to the last. */
    private static String lane(List<Event> own, long start, double nanosPerColumn, int[] width, int[] offset) {
        char[] lane = new char[offset[WIDTH]];
        Arrays.fill(lane, ' ');
        if (own.isEmpty()) {
            return "";
        }
        TreeMap<Integer, StringBuilder> marksByColumn = new TreeMap<>();
        for (Event event : own) {
            marksByColumn.computeIfAbsent(column(event.nanos(), start, nanosPerColumn), at -> new StringBuilder())
                    .append(event.kind().mark());
        }
        int first = -1;
        int last = -1;
        for (var column : marksByColumn.entrySet()) {
            int at = column.getKey();
            String marks = fitted(column.getValue().toString());
            // A request starts at the right of its first column and ends at the left of its last.
            boolean startsHere = at == marksByColumn.firstKey() && at != marksByColumn.lastKey();
            int position = offset[at] + (startsHere ? width[at] - marks.length() : 0);
            marks.getChars(0, marks.length(), lane, position);
            first = first < 0 ? position : first;
            last = position + marks.length() - 1;
        }
        for (int i = first; i <= last; i++) {
            lane[i] = lane[i] == ' ' ? '-' : lane[i];
        }
        return new String(lane).stripTrailing();
    }

    /**
     * A column's marks, at most {@link #MOST_MARKS}: beyond that (a host that trickles its answer
     * a byte at a time), the first, a {@code +} for the ones left out, and the last.
     */
    static String fitted(String marks) {
        return marks.length() <= MOST_MARKS ? marks
                : marks.substring(0, MOST_MARKS - 2) + MORE + marks.charAt(marks.length() - 1);
    }

    /** What each mark the lanes show means, and no other. */
    static String legend(String lanes) {
        List<String> shown = new ArrayList<>();
        for (Event.Kind kind : Event.Kind.values()) {
            if (lanes.indexOf(kind.mark()) >= 0) {
                shown.add(kind.mark() + " " + meaning(kind));
            }
        }
        if (lanes.indexOf(MORE) >= 0) {
            shown.add(MORE + " more events in that column");
        }
        return String.join(", ", shown);
    }

    private static String meaning(Event.Kind kind) {
        return switch (kind) {
            case CONNECTING -> "connect";
            case CONNECTED -> "connected";
            case SENT -> "sent";
            case READ -> "read";
            case END -> "end";
            case FAILED -> "failed";
        };
    }

    private static int column(long nanos, long start, double nanosPerColumn) {
        return (int) Math.min(WIDTH - 1, Math.round((nanos - start) / nanosPerColumn));
    }
}
