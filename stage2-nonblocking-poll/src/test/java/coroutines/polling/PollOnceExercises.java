package coroutines.polling;

import coroutines.testbed.LocalHosts;
import coroutines.testbed.Target;

/** What the tests of exercises 2.1 and 2.2 share: one request, polled on this thread until it is done. */
final class PollOnceExercises {

    private PollOnceExercises() {
    }

    /**
     * Polls {@code request} until it is done, as the stage's loop does for each request; stops if the
     * test's timeout interrupts this thread, so that a request that never ends fails the test instead of spinning.
     */
    static void pollUntilDone(PollingClient.Request request) {
        request.startConnecting();
        while (!request.poll()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("the request was still not done when the test's time was up");
            }
        }
    }

    static Target target(LocalHosts hosts, String host) {
        return hosts.targets().stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
    }
}
