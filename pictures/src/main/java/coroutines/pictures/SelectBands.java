package coroutines.pictures;

import coroutines.testbed.Event;
import coroutines.testbed.SelectWait;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop's lane, as the pictures draw it: each sleep in {@code select} as a band, and the steps that
 * ran when it woke. The record knows when each sleep began; it ends at the loop's next recorded step
 * (the step it woke for), or at the loop's next sleep if it woke with no step to record.
 */
public final class SelectBands {

    /**
     * One sleep in select.
     *
     * @param sleep     when it began, on which thread, and its timeout
     * @param endNanos  when the loop was seen awake again: its next step, or its next sleep
     * @param firstWoken where the first of those steps is in the run's events, or -1 if none
     * @param woke      the steps it ran before sleeping again, in order; empty if it woke with nothing to record
     */
    public record Band(SelectWait sleep, long endNanos, int firstWoken, List<Event> woke) {
    }

    private SelectBands() {
    }

    /**
     * The bands of every sleep, in order. Steps count on any thread: before JDK 21 stage 5's coroutines
     * run on threads of their own, which the loop hands each step to and waits for.
     */
    public static List<Band> of(List<SelectWait> waits, List<Event> events) {
        List<Band> bands = new ArrayList<>(waits.size());
        Map<String, Integer> nextOfThread = new HashMap<>();
        int[] nextWaitIndex = new int[waits.size()];
        // For each sleep, the index of its thread's next sleep (or -1): one pass from the end.
        for (int i = waits.size() - 1; i >= 0; i--) {
            Integer next = nextOfThread.put(waits.get(i).thread(), i);
            nextWaitIndex[i] = next == null ? -1 : next;
        }
        int event = 0; // both lists are in time order: one walk over the events serves every sleep
        for (int i = 0; i < waits.size(); i++) {
            SelectWait wait = waits.get(i);
            long nextSleep = nextWaitIndex[i] < 0 ? Long.MAX_VALUE : waits.get(nextWaitIndex[i]).nanos();
            while (event < events.size() && events.get(event).nanos() < wait.nanos()) {
                event++;
            }
            List<Event> woke = new ArrayList<>();
            for (int j = event; j < events.size() && events.get(j).nanos() < nextSleep; j++) {
                woke.add(events.get(j));
            }
            long end = !woke.isEmpty() ? woke.get(0).nanos()
                    : nextSleep != Long.MAX_VALUE ? nextSleep
                    : Math.max(wait.nanos(), events.isEmpty() ? wait.nanos() : events.get(events.size() - 1).nanos());
            bands.add(new Band(wait, end, woke.isEmpty() ? -1 : event, List.copyOf(woke)));
        }
        return bands;
    }
}
