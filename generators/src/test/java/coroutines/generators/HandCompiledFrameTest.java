package coroutines.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Python's generator rules, kept by frames compiled by hand, and what only frames do: run on the
 * caller's thread, and, abandoned, vanish without running their {@code finally}.
 */
class HandCompiledFrameTest extends GeneratorRules {

    @Override
    Generator<Integer, Object, Void> counter(int n) {
        return new HandCompiledFrames.Count(n);
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
        return new HandCompiledFrames.YieldFrom<>(sub);
    }

    @Override
    Generator<Object, Object, Void> reentering(AtomicReference<Generator<Object, Object, Void>> self) {
        return new HandCompiledFrames.Reentering(self);
    }

    @Override
    <T> Generator<T, Object, Void> yieldingWhatItSees(Callable<T> look) {
        return new HandCompiledFrames.YieldWhatItSees<>(look);
    }

    @Override
    <T> Generator<Object, Object, T> returningWhatItSees(Callable<T> look) {
        return new HandCompiledFrames.ReturnWhatItSees<>(look);
    }

    @Override
    boolean runsOnTheCallersThread() {
        return true;
    }

    @Nested
    class when_abandoned {

        @Test
        void a_paused_frame_dropped_without_close_is_collected_and_its_finally_never_runs() throws InterruptedException {
            List<String> log = new ArrayList<>();
            ReferenceQueue<Generator<Integer, Object, Void>> collected = new ReferenceQueue<>();
            WeakReference<Generator<Integer, Object, Void>> dropped = abandonAPausedFrame(log, collected);

            // Nothing closes a frame for its owner: once the collector has taken it, no code of it
            // can ever run again, so its finally is lost for good.
            for (int round = 0; round < 100 && collected.remove(50) == null; round++) {
                System.gc();
            }

            assertThat(dropped.get()).as("the frame was collected").isNull();
            assertThat(log).as("what its finally block logged").isEmpty();
        }

        // A method of its own, so that no local variable of the test keeps the frame reachable.
        private WeakReference<Generator<Integer, Object, Void>> abandonAPausedFrame(
                List<String> log, ReferenceQueue<Generator<Integer, Object, Void>> collected) {
            Generator<Integer, Object, Void> frame = guarded(log);
            frame.send(null); // paused inside the try: only close() or the end of the body runs finally
            return new WeakReference<>(frame, collected);
        }
    }
}
