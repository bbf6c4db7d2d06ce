package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline puts each host on its own lane, on one shared time axis, and hides no event. */
class TimelineTest {

    private static final List<Target> A_AND_B = List.of(request(1, "a.example"), request(2, "b.example"));

    private static Target request(int number, String host) {
        return new Target(host, InetSocketAddress.createUnresolved(host, 80)).numbered(number);
    }

    private static Event at(long millis, String host, Event.Kind kind) {
        return new Event(host, host.equals("a.example") ? 1 : 2, kind, millis * 1_000_000, "main", 0);
    }

    private static String legendOf(String picture) {
        String first = picture.lines().findFirst().orElseThrow();
        return first.substring(first.indexOf("; ") + 2);
    }

    private static List<String> lanesOf(String picture) {
        return picture.lines().skip(1).toList();
    }

    @Test
    void draws_one_lane_per_host_with_its_marks_in_time_order() {
        List<Event> events = List.of(
                at(0, "a.example", Event.Kind.CONNECTING),
                at(100, "a.example", Event.Kind.READ),
                at(200, "a.example", Event.Kind.END),
                at(300, "b.example", Event.Kind.CONNECTING),
                at(630, "b.example", Event.Kind.FAILED));

        String[] lines = Timeline.render(events, A_AND_B).split("\n");

        assertThat(lines[0]).isEqualTo("timeline: 0 to 630 ms, one column = 10.0 ms (wider where events share one);"
                + " c connect, r read, E end, x failed");
        assertThat(lines[1]).isEqualTo("a.example  c".concat("-".repeat(9)).concat("r").concat("-".repeat(9)).concat("E"));
        assertThat(lines[2]).isEqualTo("b.example  " + " ".repeat(30) + "c" + "-".repeat(32) + "x");
    }

    @Test
    void draws_every_event_of_a_column_widening_it_in_every_lane() {
        // given: a's connect, connected and sent fall in the first column, its last read and end in the last
        List<Event> events = List.of(
                at(0, "a.example", Event.Kind.CONNECTING),
                at(0, "a.example", Event.Kind.CONNECTED),
                at(0, "a.example", Event.Kind.SENT),
                at(0, "b.example", Event.Kind.CONNECTING),
                at(500, "a.example", Event.Kind.READ),
                at(1000, "a.example", Event.Kind.READ),
                at(1000, "a.example", Event.Kind.END),
                at(1000, "b.example", Event.Kind.FAILED));

        // when
        List<String> lanes = lanesOf(Timeline.render(events, A_AND_B));

        // then: each column is as wide as its most events, in every lane, so both lanes still end together
        assertThat(lanes).containsExactly(
                "a.example  cCs" + "-".repeat(31) + "r" + "-".repeat(30) + "rE",
                "b.example    c" + "-".repeat(62) + "x");
    }

    @Test
    void draws_a_request_that_starts_where_another_ends_after_it() {
        // given: stage 1's shape, b connecting in the column where a's answer ended
        List<Event> events = List.of(
                at(0, "a.example", Event.Kind.CONNECTING),
                at(990, "a.example", Event.Kind.READ),
                at(1000, "a.example", Event.Kind.END),
                at(1003, "b.example", Event.Kind.CONNECTING),
                at(1005, "b.example", Event.Kind.CONNECTED),
                at(2000, "b.example", Event.Kind.END));

        List<String> lanes = lanesOf(Timeline.render(events, A_AND_B));

        assertThat(lanes.get(1).indexOf('c')).as("b's connect, after a's end, in%n%s", String.join("\n", lanes))
                .isGreaterThan(lanes.get(0).indexOf('E'));
    }

    @Test
    void lists_in_its_legend_every_mark_its_lanes_show_and_no_other() {
        List<Event> events = List.of(
                at(0, "a.example", Event.Kind.CONNECTING),
                at(100, "a.example", Event.Kind.CONNECTED),
                at(100, "a.example", Event.Kind.SENT),
                at(200, "b.example", Event.Kind.CONNECTING),
                at(600, "a.example", Event.Kind.READ),
                at(630, "b.example", Event.Kind.FAILED));

        String picture = Timeline.render(events, A_AND_B);
        String marks = String.join("", lanesOf(picture)).replaceAll("[ab]\\.example|[ -]", "");

        assertThat(legendOf(picture)).isEqualTo("c connect, C connected, s sent, r read, x failed");
        for (String entry : legendOf(picture).split(", ")) {
            assertThat(marks).as("a lane shows the legend's '%s'", entry).contains(entry.substring(0, 1));
        }
        for (char mark : marks.toCharArray()) {
            assertThat(legendOf(picture)).as("the legend explains %s", mark).contains(mark + " ");
        }
        assertThat(marks).hasSize(events.size());
    }

    @Test
    void shows_at_most_three_marks_of_a_request_in_a_column_and_a_plus_for_the_rest() {
        // given: a host that trickles its answer, ten reads in the last column
        List<Event> events = new ArrayList<>(List.of(at(0, "a.example", Event.Kind.CONNECTING)));
        for (int i = 0; i < 10; i++) {
            events.add(at(1000, "a.example", Event.Kind.READ));
        }
        events.add(at(1000, "a.example", Event.Kind.END));

        String picture = Timeline.render(events, A_AND_B.subList(0, 1));

        assertThat(lanesOf(picture)).containsExactly("a.example  c" + "-".repeat(62) + "r+E");
        assertThat(legendOf(picture)).isEqualTo("c connect, r read, E end, + more events in that column");
    }

    @Test
    void leaves_a_host_without_events_blank() {
        String[] lines = Timeline.render(List.of(at(0, "a.example", Event.Kind.CONNECTING)),
                A_AND_B).split("\n");

        assertThat(lines[2]).isEqualTo("b.example");
    }

    @Test
    void gives_each_request_of_a_host_named_twice_a_lane_of_its_own_with_its_number() {
        List<Target> twice = List.of(request(1, "a.example"), request(2, "a.example"));
        List<Event> events = List.of(
                new Event("a.example", 1, Event.Kind.CONNECTING, 0, "main", 0),
                new Event("a.example", 2, Event.Kind.CONNECTING, 630_000_000, "main", 0));

        String[] lines = Timeline.render(events, twice).split("\n");

        assertThat(lines[1]).isEqualTo("a.example #1  c");
        assertThat(lines[2]).isEqualTo("a.example #2  " + " ".repeat(63) + "c");
    }
}
