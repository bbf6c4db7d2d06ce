package coroutines.polling;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.testkit.ByteText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exercise 2.3: {@code PollingClient.pollUntilAllDone}, the stage's whole idea: one thread asks
 * every unfinished request in turn to take a step, so that all are in flight together.
 *
 * <p>The first tests hand the loop scripted requests, each done after a number of polls the test
 * chose, and look at the order in which they were polled: every request polled until it is done and
 * never again after, each unfinished one polled once a round (no request polled to its end while
 * the others wait, none polled twice in one round), and the caller's list left as it was (the stage
 * reads it after the loop). The last two run the whole stage against the local hosts: behind a gate
 * that opens only once all four requests have arrived, and with hosts that fail.
 */
@Tag("exercise")
@Tag("exercise-2.3")
@Timeout(value = 12, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RoundRobinExerciseTest {

    /** A loop that has polled this many times for a few polls' work is not going to end: the test stops it. */
    private static final int MOST_POLLS = 1_000;

    /** The polls of scripted requests, in the order the loop made them. */
    private final List<String> polls = new ArrayList<>();

    /** A request that is done at its {@code pollsNeeded}-th poll; it opens no socket. */
    private final class Scripted extends PollingClient.Request {
        private final String name;
        private final int pollsNeeded;
        private int polled;

        Scripted(String name, int pollsNeeded) {
            super(fake(name), StageRun.capturing(List.of(fake(name)), Duration.ofSeconds(1)));
            this.name = name;
            this.pollsNeeded = pollsNeeded;
        }

        @Override
        boolean poll() {
            polls.add(name);
            if (polls.size() > MOST_POLLS) {
                throw new AssertionError("the loop polled " + MOST_POLLS + " times for " + totalNeeded
                        + " polls of work and was still going: it never ends once every request is done;"
                        + " the polls began " + polls.subList(0, 40));
            }
            polled++;
            return polled >= pollsNeeded;
        }

        boolean done() {
            return polled >= pollsNeeded;
        }

        @Override
        public String toString() {
            return "request " + name + (done() ? " (done)" : " (polled " + polled + " of the " + pollsNeeded + " times it needs)");
        }
    }

    private int totalNeeded;

    private static Target fake(String name) {
        return new Target(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
    }

    /** Scripted requests, each done after the number of polls given, named A, B, C, ... */
    private List<Scripted> scripted(int... pollsNeeded) {
        List<Scripted> requests = new ArrayList<>();
        for (int i = 0; i < pollsNeeded.length; i++) {
            requests.add(new Scripted(String.valueOf((char) ('A' + i)), pollsNeeded[i]));
            totalNeeded += pollsNeeded[i];
        }
        return requests;
    }

    private static List<PollingClient.Request> asRequests(List<Scripted> scripted) {
        return new ArrayList<>(scripted);
    }

    @Test
    void polls_every_request_until_it_is_done_and_then_returns() {
        List<Scripted> requests = scripted(3, 1, 5, 2);

        PollingClient.pollUntilAllDone(asRequests(requests));

        for (Scripted request : requests) {
            assertThat(polls.stream().filter(request.name::equals).count())
                    .as("how many times request " + request.name + " was polled: it is done at its " + request.pollsNeeded
                            + (request.pollsNeeded == 1 ? "st" : request.pollsNeeded == 2 ? "nd" : request.pollsNeeded == 3 ? "rd" : "th")
                            + " poll; the loop ends only once every request is done; polls made: " + polls)
                    .isEqualTo(request.pollsNeeded);
        }
    }

    @Test
    void never_polls_a_request_again_once_poll_said_it_was_done() {
        List<Scripted> requests = scripted(2, 1, 4);

        PollingClient.pollUntilAllDone(asRequests(requests));

        Set<String> done = new LinkedHashSet<>();
        int[] counts = new int[requests.size()];
        for (int i = 0; i < polls.size(); i++) {
            String name = polls.get(i);
            assertThat(done).as("the requests already done when poll " + (i + 1) + " asked " + name
                    + " (once poll() returns true, the request leaves the loop); polls made: " + polls).doesNotContain(name);
            int index = name.charAt(0) - 'A';
            if (++counts[index] >= requests.get(index).pollsNeeded) {
                done.add(name);
            }
        }
    }

    @Test
    void takes_turns_each_unfinished_request_polled_once_a_round() {
        List<Scripted> requests = scripted(3, 1, 5, 2);

        PollingClient.pollUntilAllDone(asRequests(requests));

        // Between two polls of the same request, every other request that was unfinished at the
        // first of them is polled exactly once: round robin, whatever the loop looks like.
        int[] counts = new int[requests.size()];
        for (int i = 0; i < polls.size(); i++) {
            String name = polls.get(i);
            int next = polls.subList(i + 1, polls.size()).indexOf(name);
            if (next >= 0) {
                List<String> between = polls.subList(i + 1, i + 1 + next);
                for (Scripted other : requests) {
                    int index = other.name.charAt(0) - 'A';
                    if (other.name.equals(name) || counts[index] >= other.pollsNeeded) {
                        continue;
                    }
                    assertThat(between.stream().filter(other.name::equals).count())
                            .as("how many times " + other.name + " (unfinished) was polled between poll " + (i + 1)
                                    + " and poll " + (i + 2 + next) + ", both of " + name + ": every unfinished request"
                                    + " takes one step a round, none is polled to its end while the others wait;"
                                    + " polls made: " + polls)
                            .isEqualTo(1);
                }
            }
            counts[name.charAt(0) - 'A']++;
        }
        assertThat(requests).as("the requests done when the loop returned").allMatch(Scripted::done);
    }

    @Test
    void leaves_the_callers_list_as_it_was() {
        List<Scripted> requests = scripted(2, 1, 3);
        List<PollingClient.Request> given = asRequests(requests);

        PollingClient.pollUntilAllDone(given);

        assertThat(given).as("the list given to pollUntilAllDone, after it returned: it is the caller's (requestAll"
                + " prints each request's empty polls from it after the loop); keep the unfinished ones in a list of"
                + " your own").containsExactlyElementsOf(requests);
    }

    @Test
    void has_all_four_requests_in_flight_together_behind_the_gate() throws IOException {
        // No host answers until all four requests have arrived: a loop that polls one request to its
        // end before the next has it give up after 2 s without progress.
        try (LocalHosts hosts = LocalHosts.builder().noLatency().gate(4, Duration.ofSeconds(8)).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), StageRun.Settings.withTimeout(Duration.ofSeconds(2)).maxTime(Duration.ofSeconds(6)));

            run.execute(new PollingClient(), false);

            assertThat(run.answeredCount()).as("hosts answered behind the gate; the run's output:\n" + run.output()).isEqualTo(4);
            assertThat(run.events().indexOfLast(Event.Kind.SENT)).as("where the last \"sent\" is in the run's events:"
                    + " before the first read, since no host answers before all four requests are sent")
                    .isLessThan(run.events().indexOfFirst(Event.Kind.READ));
            assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's bookkeeping").isEmpty();
        }
    }

    @Test
    void ends_once_every_request_is_done_the_failed_ones_too() throws IOException {
        try (LocalHosts hosts = LocalHosts.builder().noLatency().fault("github.com", Fault.SILENT)
                .fault("google.com", Fault.REFUSE).start()) {
            StageRun run = StageRun.capturing(hosts.targets(), StageRun.Settings.withTimeout(Duration.ofMillis(800)).maxTime(Duration.ofSeconds(6)));

            run.execute(new PollingClient(), false);

            assertThat(run.stageBugs()).as("what the run saw go wrong in the stage's bookkeeping (a request never"
                    + " reported means the loop ended before it was done)").isEmpty();
            assertThat(run.outcome("github.com").failure()).as("how the request to the silent host ended").startsWith("timed out");
            assertThat(run.outcome("google.com").failure()).as("how the request to the refusing host ended")
                    .startsWith("connection refused");
            for (String host : List.of("so1n.me", "baidu.com")) {
                assertThat(run.outcome(host).failure()).as("how the request to " + host + " ended (null: answered)").isNull();
                ByteText.assertSameBytes("the response of " + host, run.outcome(host).response(), hosts.responseFor(host));
            }
        }
    }
}
