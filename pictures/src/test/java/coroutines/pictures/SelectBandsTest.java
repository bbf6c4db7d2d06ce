package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Event.Kind;
import coroutines.testbed.SelectWait;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's lane from the record: where each sleep in select ends, and which steps it woke for. */
class SelectBandsTest {

    private static final long MS = 1_000_000;

    private static Event event(int request, Kind kind, long atMillis) {
        return new Event("host" + request, request, kind, atMillis * MS, "main", kind == Kind.READ ? 10 : 0);
    }

    private static SelectWait sleep(long atMillis) {
        return new SelectWait(atMillis * MS, "main", 5000);
    }

    @Test
    void a_sleep_ends_at_the_first_step_after_it_and_wakes_for_every_step_before_the_next_sleep() {
        List<Event> events = List.of(event(1, Kind.CONNECTING, 0), event(2, Kind.CONNECTING, 1),
                event(1, Kind.CONNECTED, 10), event(1, Kind.SENT, 11), event(2, Kind.CONNECTED, 12),
                event(1, Kind.READ, 50));

        List<SelectBands.Band> bands = SelectBands.of(List.of(sleep(2), sleep(13)), events);

        assertThat(bands).hasSize(2);
        assertThat(bands.get(0).endNanos()).isEqualTo(10 * MS);
        assertThat(bands.get(0).firstWoken()).isEqualTo(2);
        assertThat(bands.get(0).woke()).extracting(Event::kind).containsExactly(Kind.CONNECTED, Kind.SENT, Kind.CONNECTED);
        assertThat(bands.get(1).endNanos()).isEqualTo(50 * MS);
        assertThat(bands.get(1).firstWoken()).isEqualTo(5);
        assertThat(bands.get(1).woke()).extracting(Event::kind).containsExactly(Kind.READ);
    }

    @Test
    void a_sleep_with_no_step_before_the_next_ends_at_the_next_and_woke_for_nothing() {
        List<Event> events = List.of(event(1, Kind.CONNECTING, 0), event(1, Kind.FAILED, 40));

        List<SelectBands.Band> bands = SelectBands.of(List.of(sleep(1), sleep(20), sleep(30)), events);

        assertThat(bands.get(0).endNanos()).as("a timeout: the loop selects again at 20 ms").isEqualTo(20 * MS);
        assertThat(bands.get(0).woke()).isEmpty();
        assertThat(bands.get(0).firstWoken()).isEqualTo(-1);
        assertThat(bands.get(2).woke()).extracting(Event::kind).containsExactly(Kind.FAILED);
    }

    @Test
    void a_last_sleep_with_nothing_after_it_ends_where_it_began_and_no_sleep_means_no_band() {
        assertThat(SelectBands.of(List.of(), List.of(event(1, Kind.CONNECTING, 0)))).isEmpty();

        List<SelectBands.Band> bands = SelectBands.of(List.of(sleep(5)), List.of(event(1, Kind.CONNECTING, 0)));

        assertThat(bands.get(0).endNanos()).isEqualTo(5 * MS);
        assertThat(bands.get(0).woke()).isEmpty();
    }
}
