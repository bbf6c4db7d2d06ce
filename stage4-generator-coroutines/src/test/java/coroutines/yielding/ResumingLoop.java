package coroutines.yielding;

import coroutines.generators.Generator;
import coroutines.generators.StopIteration;
import coroutines.testbed.Client;
import coroutines.testbed.Event;
import coroutines.testbed.Deadlines;
import coroutines.testbed.Run;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import coroutines.yielding.GeneratorClient.Wait;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A selector loop of the tests' own, standing in for the stage's {@code requestAll}: it resumes
 * each request's generator when the wait it yielded is over, or throws the run's timeout in, and
 * reports each request once. From outside the bodies it keeps what each one waited for and how
 * often it was resumed, which a body cannot fake: a body that waits for what is always ready
 * (OP_WRITE where it means to read) is resumed over and over, one that never yields is never
 * resumed again.
 *
 * <p>With {@link #wakingReadsEarly}, each wait to read is also resumed once at once, before its
 * socket has anything to read, as a selector may wake a loop for nothing: the body's read then
 * finds 0 bytes, which is not the end.
 */
final class ResumingLoop implements Client {

    /** Past this many resumes of one request the loop gives up on it: its body spins through the loop. */
    static final int MOST_RESUMES = 10_000;

    private final BiFunction<Target, Run, Generator<Wait, Void, byte[]>> requests;
    private final boolean wakeReadsEarly;
    // By host: the interest of each wait the body yielded, in order; and how often it was resumed.
    private final Map<String, List<Integer>> waits = new ConcurrentHashMap<>();
    private final Map<String, Integer> resumes = new ConcurrentHashMap<>();
    // By host: waits for OP_WRITE yielded after the body had recorded the request as sent.
    private final Map<String, Integer> writeWaitsAfterSent = new ConcurrentHashMap<>();
    // Every socket a body waited on: each must be closed once its request is over.
    private final List<SocketChannel> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ResumingLoop(BiFunction<Target, Run, Generator<Wait, Void, byte[]>> requests, boolean wakeReadsEarly) {
        this.requests = requests;
        this.wakeReadsEarly = wakeReadsEarly;
    }

    /** Resumes a body only when its socket is ready, or its wait timed out. */
    static ResumingLoop of(BiFunction<Target, Run, Generator<Wait, Void, byte[]>> requests) {
        return new ResumingLoop(requests, false);
    }

    /** Also wakes each wait to read once at once, with nothing to read yet. */
    static ResumingLoop wakingReadsEarly(BiFunction<Target, Run, Generator<Wait, Void, byte[]>> requests) {
        return new ResumingLoop(requests, true);
    }

    /** What the host's body waited for, in order: OP_CONNECT, OP_WRITE or OP_READ each time. */
    List<Integer> waitsOf(String host) {
        return List.copyOf(waits.getOrDefault(host, List.of()));
    }

    /** How often the host's generator was resumed, its first send included. */
    int resumesOf(String host) {
        return resumes.getOrDefault(host, 0);
    }

    /** How often the host's body waited to write after it had recorded its request as sent (run.sent). */
    int writeWaitsAfterSent(String host) {
        return writeWaitsAfterSent.getOrDefault(host, 0);
    }

    /** How many of the sockets the bodies waited on are still open. */
    long socketsLeftOpen() {
        return sockets.stream().filter(SocketChannel::isOpen).count();
    }

    /** How often the host's body waited for {@code interest}. */
    long waitsFor(String host, int interest) {
        return waitsOf(host).stream().filter(readyFor -> readyFor == interest).count();
    }

    // The bounds of the current run's waits, as the stage's own loop keeps them.
    private Deadlines deadlines;

    @Override
    public void requestAll(List<Target> targets, Run run) throws IOException {
        deadlines = run.deadlines();
        List<Request> requests = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            List<Request> waiting = new ArrayList<>();
            for (Target target : targets) {
                waits.put(target.host(), new ArrayList<>());
                Request request = new Request(target, this.requests.apply(target, run));
                requests.add(request);
                if (request.resume(selector, run, null)) {
                    waiting.add(request);
                }
            }
            while (!waiting.isEmpty()) {
                long nearest = waiting.stream().mapToLong(r -> r.deadline).min().orElseThrow();
                selector.select(Math.max(1, (nearest - System.nanoTime()) / 1_000_000 + 1));
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    Request request = (Request) key.attachment();
                    if (key.isValid() && waiting.contains(request) && !request.resume(selector, run, null)) {
                        waiting.remove(request);
                    }
                }
                for (Request request : List.copyOf(waiting)) {
                    if (System.nanoTime() - request.deadline >= 0
                            && !request.resume(selector, run, deadlines.expired(request.target, "connect, send or read"))) {
                        waiting.remove(request);
                    }
                }
            }
        } finally {
            for (Request request : requests) {
                request.generator.close();
            }
        }
    }

    /** One host's generator and the deadline of its wait. */
    private final class Request {
        private final Target target;
        private final Generator<Wait, Void, byte[]> generator;
        private long deadline;

        Request(Target target, Generator<Wait, Void, byte[]> generator) {
            this.target = target;
            this.generator = generator;
        }

        /** Resumes the body to its next wait and registers it; reports the request once it is over. */
        boolean resume(Selector selector, Run run, SocketTimeoutException timeout) {
            try {
                Wait wait = step(run, timeout);
                if (wakeReadsEarly && wait.readyFor() == SelectionKey.OP_READ) {
                    wait = step(run, null); // woken before anything arrived: the body must wait again
                }
                if (resumesOf(target.host()) > MOST_RESUMES) {
                    generator.close();
                    run.failed(target, new IllegalStateException("the test's loop gave up after resuming this body "
                            + MOST_RESUMES + " times: it waits for what is always ready, so the loop spins"));
                    return false;
                }
                deadline = deadlines.forWait(target);
                SelectionKey key = wait.channel().keyFor(selector);
                if (key == null) {
                    wait.channel().register(selector, wait.readyFor(), this);
                } else {
                    key.interestOps(wait.readyFor());
                }
                return true;
            } catch (StopIteration answered) {
                run.answered(target, (byte[]) answered.value());
            } catch (Exception failed) { // the body's, or the selector's refusal of what it yielded
                generator.close();
                run.failed(target, failed);
            }
            return false;
        }

        private Wait step(Run run, SocketTimeoutException timeout) {
            resumes.merge(target.host(), 1, Integer::sum);
            Wait wait = timeout == null ? generator.send(null) : generator.throwIn(timeout);
            waits.get(target.host()).add(wait.readyFor());
            if (wait.readyFor() == SelectionKey.OP_WRITE && ((StageRun) run).events().kindsOf(target).contains(Event.Kind.SENT)) {
                writeWaitsAfterSent.merge(target.host(), 1, Integer::sum);
            }
            if (!sockets.contains(wait.channel())) {
                sockets.add(wait.channel());
            }
            return wait;
        }
    }
}
