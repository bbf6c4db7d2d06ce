package coroutines.generators;

/** Python's generator rules, kept by sequential bodies on platform threads (any JDK). */
class PlatformThreadGeneratorTest extends ThreadGeneratorRules {

    @Override
    ThreadKind kind() {
        return ThreadKind.PLATFORM;
    }
}
