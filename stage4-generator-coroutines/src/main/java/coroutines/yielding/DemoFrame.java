package coroutines.yielding;

import coroutines.generators.Generator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The article's {@code demo()} compiled by hand into the class a compiler would make of it, to
 * show what {@code yield} is.
 *
 * <pre>
 * def demo():
 *     a = 1
 *     b = 2
 *     print('aaa', locals())
 *     yield 1
 *     print('bbb', locals())
 *     yield 2
 *     return 'None'
 * </pre>
 *
 * <p>A paused function keeps two things between calls: its locals, and where it stopped. The
 * article's Python keeps them in a frame on the heap ({@code f_locals} and {@code f_lasti}).
 * Here the frame is this object: the locals are fields, the place is {@link #resumeAt}. Each
 * {@code send} calls {@link #resume}, which jumps there, runs to the next {@code yield} and
 * returns. Nothing stays on the thread's stack in between.
 */
public final class DemoFrame extends Generator<Integer, Object, String> {

    // The locals: fields, so they outlive each call of resume (a Java local would not).
    private int a;
    private int b;
    // Where to go on: 0 before the body starts, then the number of the yield it paused at.
    private int resumeAt;

    @Override
    protected Integer resume(Object sent, Throwable thrown) throws Throwable {
        switch (resumeAt) {
            case 0:
                a = 1;
                b = 2;
                System.out.println("aaa " + locals());
                resumeAt = 1;
                return 1;                            // yield 1
            case 1:
                if (thrown != null) {
                    throw thrown;                    // throwIn raises here: at "yield 1"
                }
                System.out.println("bbb " + locals());
                resumeAt = 2;
                return 2;                            // yield 2
            case 2:
                if (thrown != null) {
                    throw thrown;                    // at "yield 2"
                }
                return returned("None");             // return 'None'
            default:
                throw new IllegalStateException("no yield numbered " + resumeAt + " in demo()");
        }
    }

    /** Python's {@code locals()}: the frame's locals by name, read off the fields. */
    public Map<String, Object> locals() {
        Map<String, Object> locals = new LinkedHashMap<>();
        locals.put("a", a);
        locals.put("b", b);
        return locals;
    }
}
