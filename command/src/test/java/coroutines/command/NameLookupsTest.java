package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coroutines.testbed.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every name is looked up before the stage starts, all at once, none for longer than --timeout. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NameLookupsTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void releaseTheStuckLookup() {
        never.countDown();
    }

    private static boolean awaited(CountDownLatch latch, int seconds) throws UnknownHostException {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new UnknownHostException("interrupted");
        }
    }

    @Test
    void looks_the_names_up_together_and_a_stuck_one_fails_only_its_host() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        NameLookups.Resolver resolver = name -> {
            bothAsked.countDown();
            // A lookup answers only once the other has started: one after another, neither could.
            if (!awaited(bothAsked, 10)) {
                throw new UnknownHostException("the lookups did not run together");
            }
            if (name.equals("stuck.example")) {
                awaited(never, 30);
            }
            return InetAddress.getByAddress(name, new byte[] {127, 0, 0, 7});
        };
        List<Target> targets = List.of(NameLookups.viaDns("stuck.example"), NameLookups.viaDns("quick.example"),
                new Target("local.example", new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));

        List<Target> resolved = NameLookups.resolveAll(targets, Duration.ofMillis(300), resolver);

        assertThat(resolved).extracting(Target::host).containsExactly("stuck.example", "quick.example", "local.example");
        assertThat(resolved.get(0).lookupFailure()).isEqualTo("DNS gave no answer within --timeout, 300 ms; try a longer --timeout");
        assertThatThrownBy(resolved.get(0)::resolve).isInstanceOf(UnknownHostException.class).hasMessageContaining("stuck.example");
        assertThat(resolved.get(1).resolve()).isEqualTo(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 7}), 80));
        assertThat(resolved.get(2)).isSameAs(targets.get(2));
    }

    @Test
    void a_name_dns_does_not_know_fails_its_host_through_the_stage_as_an_unknown_name() {
        List<Target> resolved = NameLookups.resolveAll(List.of(NameLookups.viaDns("no-such-host.invalid")), Duration.ofSeconds(10));

        assertThat(resolved.get(0).address().isUnresolved()).isTrue();
        assertThat(resolved.get(0).lookupFailure()).isIn("DNS has no address for it",
                "DNS gave no answer within --timeout, 10000 ms; try a longer --timeout");
        assertThatThrownBy(resolved.get(0)::resolve).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void a_name_given_twice_in_two_cases_is_looked_up_once() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        NameLookups.Resolver resolver = name -> {
            asked.add(name);
            return InetAddress.getByAddress(name, new byte[] {127, 0, 0, 8});
        };

        List<Target> resolved = NameLookups.resolveAll(List.of(NameLookups.viaDns("Twice.example"), NameLookups.viaDns("twice.example")),
                Duration.ofSeconds(5), resolver);

        assertThat(asked).containsExactly("twice.example");
        assertThat(resolved).extracting(Target::host).containsExactly("Twice.example", "twice.example");
        assertThat(resolved.get(1).resolve().getPort()).isEqualTo(80);
    }
}
