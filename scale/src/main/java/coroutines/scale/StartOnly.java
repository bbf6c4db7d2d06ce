package coroutines.scale;

/**
 * A Java program that starts and exits running nothing: the benchmark measures its CPU, as it
 * measures a client's, to say what a JVM's start costs beside the figures at N = 4.
 */
public final class StartOnly {

    private StartOnly() {
    }

    public static void main(String[] args) {
        // Nothing: what is measured is the JVM starting and stopping.
    }
}
