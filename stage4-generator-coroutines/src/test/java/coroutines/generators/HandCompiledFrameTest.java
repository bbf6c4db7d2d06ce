package coroutines.generators;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Python's generator rules, kept by frames compiled by hand. */
class HandCompiledFrameTest extends GeneratorRules {

    @Override
    Generator<Integer, Object, Void> counter(int n) {
        return new CountFrame(n);
    }

    @Override
    Generator<String, String, String> echo() {
        return new HandCompiledFrames.Echo();
    }

    @Override
    Generator<Integer, Object, Void> guarded(List<String> log) {
        return new HandCompiledFrames.Guarded(log);
    }

    @Override
    Generator<String, Object, Void> catching() {
        return new HandCompiledFrames.CatchOnce("waiting", IllegalStateException.class, e -> "caught " + e.getMessage());
    }

    @Override
    Generator<String, Object, Void> ignoringGeneratorExit() {
        return new HandCompiledFrames.CatchOnce("still here", GeneratorExit.class, e -> "ignored it");
    }

    @Override
    Generator<String, Object, Void> leakingStopIteration() {
        return new HandCompiledFrames.LeakingStopIteration();
    }

    @Override
    <Y, S, R> Generator<Y, S, R> delegating(Generator<Y, S, R> sub) {
        return new YieldFromFrame<>(sub);
    }

    @Override
    Generator<Object, Object, Void> reentering(AtomicReference<Generator<Object, Object, Void>> self) {
        return new HandCompiledFrames.Reentering(self);
    }
}
