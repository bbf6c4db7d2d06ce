package coroutines.yielding.benchmarks;

import coroutines.generators.ContinuationGenerator;
import coroutines.generators.Generator;
import coroutines.generators.ThreadKind;
import coroutines.generators.ThreadGenerator;
import coroutines.generators.Yielder;

/**
 * The generator every benchmark measures, built each way. Python's:
 * <pre>
 * def forever():
 *     while True:
 *         yield 1
 * </pre>
 * The body does nothing but pause, so what is measured is the pausing and resuming.
 */
final class Forever {

    private Forever() {
    }

    /** The ways of building it: "frame", "platform", "virtual", "continuation". */
    static Generator<Integer, Object, Void> generator(String kind) {
        switch (kind) {
            case "frame":
                return new Frame();
            case "platform":
                return ThreadGenerator.create("forever", ThreadKind.PLATFORM, Forever::body);
            case "virtual":
                return ThreadGenerator.create("forever", ThreadKind.VIRTUAL, Forever::body);
            case "continuation":
                return ContinuationGenerator.create("forever", Forever::body);
            default:
                throw new IllegalArgumentException("no generator kind '" + kind + "': frame, platform, virtual or continuation");
        }
    }

    private static Void body(Yielder<Integer, Object> yielder) {
        while (true) {
            yielder.yield(1);
        }
    }

    /** {@code forever()} compiled by hand: no locals, one yield, so no resume point to keep. */
    private static final class Frame extends Generator<Integer, Object, Void> {
        @Override
        protected Integer resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            return 1;
        }
    }
}
