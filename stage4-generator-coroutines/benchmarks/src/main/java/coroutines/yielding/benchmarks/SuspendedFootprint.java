package coroutines.yielding.benchmarks;

import coroutines.generators.ContinuationGenerator;
import coroutines.generators.Generator;
import coroutines.generators.ThreadKind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The memory one suspended generator keeps, for each kind. It pauses many at their first yield
 * and divides what the JVM then holds by their number. JMH times things; this counts memory, by
 * the JVM's own books. That is the heap after a full collection, plus committed thread stacks,
 * which only Native Memory Tracking reports ({@code -XX:NativeMemoryTracking=summary}).
 */
public final class SuspendedFootprint {

    private static final int COUNT = 10_000;
    private static final Pattern THREAD_MEMORY = Pattern.compile("Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private SuspendedFootprint() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "Java %s, %d suspended generators of each kind%n", Runtime.version(), COUNT);
        if (threadStacksKiB() < 0) {
            System.out.println("(no -XX:NativeMemoryTracking=summary: platform threads' stacks are not counted)");
        }
        List<String> kinds = new ArrayList<>(List.of("frame", "platform"));
        if (ThreadKind.virtualThreadsAvailable()) {
            kinds.add("virtual");
        }
        if (ContinuationGenerator.available()) {
            kinds.add("continuation");
        } else {
            System.out.println("(no continuation: " + ContinuationGenerator.whyUnavailable() + ")");
        }
        for (String kind : kinds) {
            measure(kind); // once to load and warm what the first generators of a kind need
            System.out.printf(Locale.ROOT, "%-12s %,10d bytes per suspended generator%n", kind, measure(kind));
        }
    }

    private static long measure(String kind) throws Exception {
        List<Generator<Integer, Object, Void>> kept = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            kept.add(null); // the list's own array is allocated before the first reading
        }
        long heapBefore = heapAfterCollection();
        long stacksBefore = threadStacksKiB();
        for (int i = 0; i < COUNT; i++) {
            Generator<Integer, Object, Void> generator = Forever.generator(kind);
            generator.send(null);
            kept.set(i, generator);
        }
        long heapAfter = heapAfterCollection();
        long stacksAfter = threadStacksKiB();
        long stacks = stacksBefore < 0 ? 0 : (stacksAfter - stacksBefore) * 1024;
        kept.forEach(Generator::close);
        return (heapAfter - heapBefore + stacks) / COUNT;
    }

    private static long heapAfterCollection() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The KiB committed for thread stacks per Native Memory Tracking, or -1 when it is off. */
    private static long threadStacksKiB() throws Exception {
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        Matcher thread = THREAD_MEMORY.matcher(summary);
        return thread.find() ? Long.parseLong(thread.group(1)) : -1;
    }
}
