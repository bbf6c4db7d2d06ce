package coroutines.scale;

import coroutines.command.StageCommand;
import coroutines.tasks.TaskStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What stage 5 allocates per request, and how many continuations it makes: not part of the
 * benchmark, a check to run by hand beside {@code ./run scale}'s RSS (issue 21).
 * {@code Stage5PerRequest N1 N2 [STAGE OPTIONS]} runs stage 5 in this JVM at N1 and then N2 requests,
 * after one unmeasured run of N1 to warm up; give it the {@code --resolve} options {@code ./run hosts}
 * prints, since the stage's own hosts, in this JVM, fall behind at 10,000 requests. It prints
 * the bytes the running thread allocated and the continuations made, and the difference per request.
 * The loop, the Tasks and (on JDK 21+) the coroutines all run on that one thread; the hosts run on others.
 *
 * <p>Run it with the class path Maven builds: {@code ./mvnw -q -pl scale -am compile
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}, then {@code java
 * --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp scale/target/classes:$(cat /tmp/cp.txt)
 * coroutines.scale.Stage5PerRequest 1000 10000 --resolve ... so1n.me github.com google.com baidu.com}.
 */
public final class Stage5PerRequest {

    private Stage5PerRequest() {
    }

    public static void main(String[] args) throws Exception {
        int small = Integer.parseInt(args[0]);
        int large = Integer.parseInt(args[1]);
        List<String> options = List.of(args).subList(2, args.length);
        run(small, options); // unmeasured: class loading and the JIT's first compiles
        long[] atSmall = run(small, options);
        long[] atLarge = run(large, options);
        System.out.printf("%s, %d requests: %,d bytes allocated, %,d continuations made%n",
                Runtime.version(), small, atSmall[0], atSmall[1]);
        System.out.printf("%s, %d requests: %,d bytes allocated, %,d continuations made%n",
                Runtime.version(), large, atLarge[0], atLarge[1]);
        int more = large - small;
        System.out.printf("per request: %,.0f bytes allocated, %.2f continuations%n",
                (atLarge[0] - atSmall[0]) / (double) more, (atLarge[1] - atSmall[1]) / (double) more);
    }

    /** Bytes allocated by this thread, and continuations made, over one run of {@code requests}. */
    private static long[] run(int requests, List<String> options) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, false, StandardCharsets.UTF_8);
        long continuationsBefore = continuationsMade();
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--requests", Integer.toString(requests), "--quiet", "--no-timeline"));
        StageCommand.Execution execution = StageCommand.execute(TaskStage.STAGE, out, System.err, args.toArray(String[]::new));
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
        if (execution.status() != 0) {
            out.flush();
            String said = printed.toString(StandardCharsets.UTF_8);
            throw new IllegalStateException("stage 5 failed at " + requests + " requests: status " + execution.status()
                    + ", and printed at the end: " + said.substring(Math.max(0, said.length() - 2000)));
        }
        return new long[] {bytes, continuationsMade() - continuationsBefore};
    }

    /** ContinuationGenerator's count of continuations made; before it kept one, one per generator made. */
    private static long continuationsMade() throws ReflectiveOperationException {
        Class<?> kind = Class.forName("coroutines.generators.ContinuationGenerator");
        Field made;
        try {
            made = kind.getDeclaredField("CONTINUATIONS_MADE");
        } catch (NoSuchFieldException before) {
            made = kind.getDeclaredField("GENERATORS_MADE");
        }
        made.setAccessible(true);
        return ((AtomicLong) made.get(null)).get();
    }
}
