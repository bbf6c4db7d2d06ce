package coroutines.testbed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of one run, in the order they were recorded. Safe to write from several threads
 * (the later stages use more than one); reading returns a copy. Each event also tells the run's
 * CPU estimate what the recording thread has used so far (see {@link ClientCpu}).
 */
public final class EventRecord {

    private final List<Event> events;
    // Beside each event: the carrier its virtual thread ran on then, or null on a platform thread (stage 6's picture).
    private final List<String> carriers;
    // The loop's sleeps in select, in order: what the pictures draw on the loop's lane.
    private final List<SelectWait> selectWaits = new ArrayList<>();
    // What each request's key waits for, each time it changes: the selector's keys, for stage 3's picture.
    private final List<KeyInterest> keyInterests = new ArrayList<>();
    // By request number: the bytes its reads returned so far, so that a failure need not walk every event.
    private final long[] bytesRead;
    // Told of every event, so that a thread that ends before the run does still counts.
    private final ClientCpu cpu;

    /** A record for requests numbered 1 to {@code requests}. */
    EventRecord(ClientCpu cpu, int requests) {
        this.cpu = cpu;
        this.events = new ArrayList<>(requests * 5); // a request that answers records five events or more
        this.carriers = new ArrayList<>(requests * 5);
        this.bytesRead = new long[requests + 1];
    }

    public void record(Target request, Event.Kind kind) {
        record(request, kind, 0);
    }

    public void record(Target request, Event.Kind kind, int bytes) {
        cpu.sampleCurrentThread();
        synchronized (this) {
            events.add(new Event(request.host(), request.request(), kind, System.nanoTime(),
                    Thread.currentThread().getName(), bytes));
            carriers.add(carrierOf(Thread.currentThread()));
            if (kind == Event.Kind.READ && isNumbered(request)) {
                bytesRead[request.request()] += bytes;
            }
        }
    }

    /** A loop is about to sleep in select for at most {@code timeoutMillis}: recorded, not counted as a step. */
    public synchronized void recordSelectWait(long timeoutMillis) {
        selectWaits.add(new SelectWait(System.nanoTime(), Thread.currentThread().getName(), timeoutMillis));
    }

    /** A request's key waits for {@code interestOps} from now on. */
    public synchronized void recordKeyInterest(Target request, int interestOps) {
        keyInterests.add(new KeyInterest(System.nanoTime(), request.request(), interestOps));
    }

    /** What each key waited for, in order; empty for a stage that keeps no deadline per key. */
    public synchronized List<KeyInterest> keyInterests() {
        return List.copyOf(keyInterests);
    }

    /** Every sleep in select so far, in order; empty for a stage with no selector loop. */
    public synchronized List<SelectWait> selectWaits() {
        return List.copyOf(selectWaits);
    }

    /** Beside each event of {@link #all()}, in the same order: the carrier thread its virtual thread ran on, or null. */
    public synchronized List<String> carriers() {
        return new ArrayList<>(carriers); // a copy that may hold nulls, as List.copyOf may not
    }

    /**
     * The carrier a virtual thread is mounted on, from its {@code toString} ("VirtualThread[#22,virtual-1]/runnable@ForkJoinPool-1-worker-1"):
     * the JDK has no method for it. Null for a platform thread. Compiled for JDK 17, so no {@code isVirtual}.
     */
    static String carrierOf(Thread thread) {
        if (!thread.getClass().getName().equals("java.lang.VirtualThread")) {
            return null;
        }
        String text = thread.toString();
        int at = text.lastIndexOf('@');
        return at < 0 ? null : text.substring(at + 1);
    }

    /** Every event so far, in recording order. */
    public synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** The events of every request for one host, in recording order. */
    public List<Event> of(String host) {
        return all().stream().filter(event -> event.host().equals(host)).toList();
    }

    /** The events of one request, in recording order. */
    public List<Event> of(Target request) {
        return all().stream().filter(event -> event.request() == request.request()).toList();
    }

    /** The kinds of one host's events, in order: handy for asserting a request's story. */
    public List<Event.Kind> kindsOf(String host) {
        return of(host).stream().map(Event::kind).toList();
    }

    /** The kinds of one request's events, in order. */
    public List<Event.Kind> kindsOf(Target request) {
        return of(request).stream().map(Event::kind).toList();
    }

    /** The names of the threads that recorded events, in order of first appearance. */
    public Set<String> threads() {
        Set<String> threads = new LinkedHashSet<>();
        all().forEach(event -> threads.add(event.thread()));
        return threads;
    }

    /** The position of the first event of this kind (any host), or -1. */
    public int indexOfFirst(Event.Kind kind) {
        List<Event> all = all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the last event of this kind (any host), or -1. */
    public int indexOfLast(Event.Kind kind) {
        List<Event> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    /** Reads per host, over all its requests: how many times a read returned data. */
    public long readsOf(String host) {
        return of(host).stream().filter(event -> event.kind() == Event.Kind.READ && event.bytes() > 0).count();
    }

    /** Reads of one request: how many times a read returned data. */
    public long readsOf(Target request) {
        return of(request).stream().filter(event -> event.kind() == Event.Kind.READ && event.bytes() > 0).count();
    }

    /** How many bytes the reads of one request returned in all: what had arrived when it ended. */
    public synchronized long bytesReadBy(Target request) {
        return isNumbered(request) ? bytesRead[request.request()] : 0;
    }

    // A stage's bug may hand in a request of no run; the run reports that when the request ends.
    private boolean isNumbered(Target request) {
        return request.request() >= 0 && request.request() < bytesRead.length;
    }

    /** Nanoseconds from the first connect to the last event, or 0 if nothing connected. */
    public long spanNanos() {
        List<Event> all = all();
        long first = all.stream().filter(e -> e.kind() == Event.Kind.CONNECTING)
                .mapToLong(Event::nanos).min().orElse(0);
        long last = all.stream().mapToLong(Event::nanos).max().orElse(first);
        return Math.max(0, last - first);
    }
}
