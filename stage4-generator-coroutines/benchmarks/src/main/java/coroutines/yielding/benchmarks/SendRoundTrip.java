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
 * The cost of one {@code send} round trip: resume a paused generator, run to its next
 * {@code yield}, take the value. A frame makes a method call, a thread two hand-offs between
 * threads. A continuation copies its frames back onto the caller's stack, and off again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SendRoundTrip {

    /**
     * "virtual" and "continuation" need JDK 21 or newer: on JDK 17 pass {@code -p kind=frame,platform}.
     * The forked JVM gets the continuation's export (harmless on JDK 17, which accepts the flag).
     */
    @Param({"frame", "platform", "virtual", "continuation"})
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
