package coroutines.generators;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** Python's generator rules, kept by sequential bodies on virtual threads (JDK 21 and newer; skipped before). */
class VirtualThreadGeneratorTest extends ThreadGeneratorRules {

    @BeforeAll
    static void needsVirtualThreads() {
        assumeTrue(ThreadKind.virtualThreadsAvailable(), "virtual threads need JDK 21 or newer; this is " + Runtime.version());
    }

    @Override
    ThreadKind kind() {
        return ThreadKind.VIRTUAL;
    }
}
