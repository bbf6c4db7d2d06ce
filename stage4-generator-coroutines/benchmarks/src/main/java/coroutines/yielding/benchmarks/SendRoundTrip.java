package coroutines.yielding.benchmarks;

import coroutines.generators.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code send} round trip: resume a paused generator, let its body run to the
 * next {@code yield}, take the value. For a hand-compiled frame that is a method call; for a
 * thread-backed generator, two hand-offs between threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SendRoundTrip {

    /** "virtual" needs JDK 21 or newer: on JDK 17 pass {@code -p kind=frame,platform}. */
    @Param({"frame", "platform", "virtual"})
    public String kind;

    private Generator<Integer, Object, Void> generator;

    @Setup
    public void startAndPause() {
        generator = Forever.generator(kind);
        generator.send(null); // runs the body up to its first yield
    }

    @TearDown
    public void close() {
        generator.close();
    }

    @Benchmark
    public Integer send() {
        return generator.send(null);
    }
}
