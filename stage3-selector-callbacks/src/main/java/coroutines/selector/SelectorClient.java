package coroutines.selector;

import coroutines.testbed.Client;
import coroutines.testbed.Run;
import coroutines.testbed.Target;
import java.io.IOException;
import java.util.List;

/**
 * Stage 3, the second half of the article's section 2: a selector and callbacks. Each request
 * registers its socket with one {@link java.nio.channels.Selector}, its next callback as the key's
 * attachment, and returns at once. Then one thread runs the loop. It sleeps in {@code select()}
 * until the operating system reports a ready socket, and runs that socket's callback. The
 * requests overlap as in stage 2, but the thread rests while it waits, so the client uses
 * little CPU.
 *
 * <p>Read {@link Request} (the article's {@code request(host)} and its callbacks), then
 * {@link EventLoop} (the selector, the running counter and the loop), then this class.
 */
public final class SelectorClient implements Client {

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        try (EventLoop loop = new EventLoop(run)) {
            // The article's request("so1n.me"), request("github.com"), ...: each starts and returns at once.
            targets.forEach(target -> new Request(target, run, loop).start());
            // The article's: while running_cnt > 0: for key, mask in selector.select(): key.data()
            loop.runWhileRunning();
            run.out().printf("select() woke the loop %d times; it ran %d callbacks%n", loop.wakeUps, loop.callbacks);
        }
    }
}
