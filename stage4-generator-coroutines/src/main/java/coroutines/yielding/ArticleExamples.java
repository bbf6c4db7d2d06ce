package coroutines.yielding;

import coroutines.generators.Generator;

/**
 * The generators of the article's section 3.1, as sequential bodies that call {@code yield}, to
 * try in JShell beside the article. Each method makes a fresh generator, as a call does in Python.
 */
public final class ArticleExamples {

    private ArticleExamples() {
    }

    /**
     * {@code demo()}: yields 1, then 2, then returns {@code 'None'}, printing its locals on the way.
     * Java cannot list a method's locals at run time, so they are written out here.
     * {@link DemoFrame} can list them: its locals are fields.
     */
    public static Generator<Integer, Object, String> demo() {
        return Generator.of("demo", yielder -> {
            int a = 1;
            int b = 2;
            System.out.println("aaa {a=" + a + ", b=" + b + "}");
            yielder.yield(1);
            System.out.println("bbb {a=" + a + ", b=" + b + "}");
            yielder.yield(2);
            return "None";
        });
    }

    /** {@code demo_gen_1()}: {@code for i in range(3): yield i}. */
    public static Generator<Integer, Object, Void> demoGen1() {
        return rangeOfThree("demo_gen_1");
    }

    /** {@code demo_gen_2()}: {@code yield from demo_gen_1()}. */
    public static Generator<Integer, Object, Void> demoGen2() {
        return Generator.of("demo_gen_2", yielder -> {
            yielder.yieldFrom(demoGen1());
            return null;
        });
    }

    /** {@code demo_exc()}: yields 1, then raises an error from inside the body on the next send. */
    public static Generator<Integer, Object, Void> demoExc() {
        return Generator.of("demo_exc", yielder -> {
            yielder.yield(1);
            throw new RuntimeException();
        });
    }

    /** {@code demo_exc_1()}, to throw into while it is paused: the article gives it {@code demo_gen_1}'s body. */
    public static Generator<Integer, Object, Void> demoExc1() {
        return rangeOfThree("demo_exc_1");
    }

    private static Generator<Integer, Object, Void> rangeOfThree(String name) {
        return Generator.of(name, yielder -> {
            for (int i = 0; i < 3; i++) {
                yielder.yield(i);
            }
            return null;
        });
    }
}
