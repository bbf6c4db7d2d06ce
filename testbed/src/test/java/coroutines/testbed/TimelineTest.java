package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline puts each host on its own lane, on one shared time axis. */
class TimelineTest {

    private static final List<Target> A_AND_B = List.of(request(1, "a.example"), request(2, "b.example"));

    private static Target request(int number, String host) {
        return new Target(host, InetSocketAddress.createUnresolved(host, 80)).numbered(number);
    }

    private static Event at(long millis, String host, Event.Kind kind) {
        return new Event(host, host.equals("a.example") ? 1 : 2, kind, millis * 1_000_000, "main", 0);
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

        assertThat(lines[0]).startsWith("timeline: 0 to 630 ms, one column = 10.0 ms");
        assertThat(lines[1]).isEqualTo("a.example  c".concat("-".repeat(9)).concat("r").concat("-".repeat(9)).concat("E"));
        assertThat(lines[2]).isEqualTo("b.example  " + " ".repeat(30) + "c" + "-".repeat(32) + "x");
    }

    @Test
    void shows_the_connect_when_the_send_falls_in_the_same_column_and_always_shows_the_end() {
        List<Event> events = List.of(
                at(0, "a.example", Event.Kind.CONNECTING),
                at(0, "a.example", Event.Kind.SENT),
                at(1000, "a.example", Event.Kind.READ),
                at(1000, "a.example", Event.Kind.END));

        String lane = Timeline.render(events, A_AND_B.subList(0, 1)).split("\n")[1];

        assertThat(lane).startsWith("a.example  c-").endsWith("-E");
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
