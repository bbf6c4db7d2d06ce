package coroutines.yielding;

import coroutines.generators.Generator;
import coroutines.generators.HandCompiledFrameTest;

/**
 * This stage's hand-compiled frames keep Python's generator rules: the generators library's rule
 * suite for frames, run again with {@link CountFrame} as the counter and {@link YieldFromFrame}
 * for {@code yield from}.
 */
class LessonFramesTest extends HandCompiledFrameTest {

    @Override
    protected Generator<Integer, Object, Void> counter(int n) {
        return new CountFrame(n);
    }

    @Override
    protected <Y, S, R> Generator<Y, S, R> delegating(Generator<Y, S, R> sub) {
        return new YieldFromFrame<>(sub);
    }
}
