package coroutines.testbed;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One run of a stage: its requests, the time limits, where output goes, the event record, and
 * how each request ended. The stage's code calls the event methods ({@link #connecting},
 * {@link #connected}, {@link #sent}, {@link #read}) and reports each request once
 * ({@link #answered} or {@link #failed}), always naming the {@link Target} the run gave it: a
 * host named twice is two requests, each reported on its own. {@link #execute} then draws the
 * timeline and prints the summary line, which is always the last line of a run.
 *
 * <p>The run also keeps the plumbing out of the lessons. It numbers the requests; it reads the
 * shared options ({@link #failsOnPurpose}, {@link #timeout}, {@link #maxTime}, {@code --quiet});
 * it prints a bug's stack trace once; it measures the client's CPU. That last figure is an
 * estimate, made by {@link ClientCpu}: the CPU time of every live platform thread is read before
 * and after the client runs (carriers of virtual threads are platform threads, so they count
 * without being named), a thread that ended during the run counts with the CPU it had at its
 * last recorded event, and the local hosts' own threads are left out. The JIT's and the garbage
 * collector's threads are invisible to {@code ThreadMXBean} and are not counted.
 *
 * <p>A stage's own bookkeeping can go wrong (a request reported twice, an exception out of
 * {@code requestAll}): the run then keeps every answer it already has, reports each request the
 * stage never reported, and prints the bug as the stage's, so one request never breaks the run.
 */
public final class StageRun implements Run {

    /** Responses longer than this are shown cut, with the count of bytes left out. */
    static final int SHOWN_BYTES = 2048;

    /** Above this many requests the timeline is left out: its lanes would no longer fit a screen. */
    static final int MOST_LANES_DRAWN = 40;

    /** One daemon thread for every run's watchdogs: it only closes sockets, at their requests' deadlines. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdogThread();

    private static final String BELOW_REQUEST_ALL =
            "\t... and below requestAll: the testbed's StageRun.execute and whatever started the stage";

    private final List<Target> targets; // numbered; any DNS name was looked up before, by the command line
    private final Settings settings;
    private final PrintStream out;
    // What the stage prints goes here: out itself, or nowhere with --quiet.
    private final PrintStream stageOut;
    private final ByteArrayOutputStream captured;
    private final ClientCpu cpu = ClientCpu.notStarted();
    private final EventRecord events;
    // The requests' outcomes, by request number (null until it ends) and in the order they ended.
    // Arrays, not maps: at 10,000 requests the run's own bookkeeping is part of what scale measures.
    private final Outcome[] outcomeOf;
    private final List<Outcome> outcomesInOrder;
    private int answered;
    // By request number: System.nanoTime() of its first event, where its --max-time starts (0: none yet).
    private final AtomicLongArray started;
    private final List<String> stageBugs = new ArrayList<>();
    // By request number: the stack trace printed for a request that failed with a bug (--fail-in): what a reader sees of it.
    private final Map<Integer, List<String>> bugTraces = new HashMap<>();
    // The requests whose socket the --max-time watchdog closed.
    private final Set<Integer> closedAtDeadline = ConcurrentHashMap.newKeySet();
    // By request number: its answer's first line, what a failure quotes; dropped once the request is reported.
    private final AtomicReferenceArray<FirstLine> firstLines;
    // Host name to how many requests name it: a request's label needs its number only if it shares its host.
    private final Map<String, Integer> requestsPerHost = new HashMap<>();
    private volatile Class<?> clientClass;
    private long clientCpuNanos;

    /**
     * The options every stage shares that the run, not the command line, keeps.
     *
     * @param timeout the longest any single wait may last: a connect, or a time without progress
     * @param maxTime the longest a whole request may last, from its connect to its last byte
     * @param quiet   print only failures and the summary line
     * @param failIn  the host whose step that can fail on purpose is to fail, or null
     */
    public record Settings(Duration timeout, Duration maxTime, boolean quiet, String failIn) {

        /** The default of {@code --max-time}: far above any run of the local hosts. */
        public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(30);

        public static Settings withTimeout(Duration timeout) {
            return new Settings(timeout, DEFAULT_MAX_TIME, false, null);
        }

        public Settings maxTime(Duration maxTime) {
            return new Settings(timeout, maxTime, quiet, failIn);
        }

        public Settings quiet(boolean quiet) {
            return new Settings(timeout, maxTime, quiet, failIn);
        }

        public Settings failIn(String host) {
            return new Settings(timeout, maxTime, quiet, host);
        }
    }

    /** A whole request took longer than {@code --max-time}: the failure curl calls "Operation timed out". */
    public static final class MaxTimeExceeded extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        MaxTimeExceeded(Duration maxTime, String whileDoing) {
            super("the whole request took longer than --max-time " + maxTime.toMillis() + " ms (" + whileDoing + ")");
        }
    }

    /** How one request ended: with its response, or with the reason it failed. */
    public record Outcome(Target target, byte[] response, String failure) {
        public boolean answered() {
            return failure == null;
        }

        public String host() {
            return target.host();
        }
    }

    public StageRun(List<Target> targets, Duration timeout, PrintStream out) {
        this(targets, Settings.withTimeout(timeout), out, null);
    }

    public StageRun(List<Target> targets, Settings settings, PrintStream out) {
        this(targets, settings, out, null);
    }

    private StageRun(List<Target> targets, Settings settings, PrintStream out, ByteArrayOutputStream captured) {
        List<Target> numbered = new ArrayList<>();
        for (Target target : targets) {
            numbered.add(target.numbered(numbered.size() + 1));
        }
        this.targets = List.copyOf(numbered);
        int slots = numbered.size() + 1; // request numbers start at 1
        this.events = new EventRecord(cpu, numbered.size());
        this.outcomeOf = new Outcome[slots];
        this.outcomesInOrder = new ArrayList<>(numbered.size());
        this.started = new AtomicLongArray(slots);
        this.firstLines = new AtomicReferenceArray<>(slots);
        for (Target target : numbered) {
            requestsPerHost.merge(target.host(), 1, Integer::sum);
        }
        this.settings = settings;
        this.out = out;
        this.stageOut = settings.quiet() ? new Discarding() : out;
        this.captured = captured;
    }

    /** A run whose output is kept in memory, for tests: read it with {@link #output()}. */
    public static StageRun capturing(List<Target> targets, Duration timeout) {
        return capturing(targets, Settings.withTimeout(timeout));
    }

    /** A capturing run with all the shared options. */
    public static StageRun capturing(List<Target> targets, Settings settings) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new StageRun(targets, settings, new PrintStream(buffer, true, StandardCharsets.UTF_8), buffer);
    }

    /** The requests, numbered from 1 in the order given: pass these, not others, to the event methods. */
    public List<Target> targets() {
        return targets;
    }

    /** The longest any single wait may last: a connect, or a time without any progress. */
    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    /** The longest a whole request may last ({@code --max-time}), from its first event. */
    public Duration maxTime() {
        return settings.maxTime();
    }

    /** Where the stage prints what the article prints (nowhere, with {@code --quiet}). */
    @Override
    public PrintStream out() {
        return stageOut;
    }

    public EventRecord events() {
        return events;
    }

    /** Whether this request's step that can fail on purpose is to fail ({@code --fail-in HOST}). */
    public boolean failsOnPurpose(Target request) {
        return request.host().equals(settings.failIn());
    }

    @Override
    public void failHereIfAsked(Target request, String where) {
        if (failsOnPurpose(request)) {
            IllegalStateException bug = new IllegalStateException("a bug in " + where + " (put there by --fail-in)");
            // Drop this method's own frame: the trace then starts at the lesson's line, as a throw there would.
            StackTraceElement[] trace = bug.getStackTrace();
            bug.setStackTrace(Arrays.copyOfRange(trace, 1, trace.length));
            throw bug;
        }
    }

    @Override
    public Deadlines deadlines() {
        return new Deadlines(this);
    }

    @Override
    public void connecting(Target request) {
        startedNanos(request);
        events.record(request, Event.Kind.CONNECTING);
    }

    @Override
    public void connected(Target request) {
        events.record(request, Event.Kind.CONNECTED);
    }

    @Override
    public void sent(Target request) {
        events.record(request, Event.Kind.SENT);
    }

    /**
     * A read put {@code length} bytes into {@code chunk}, from its start (0 or -1: the end of the
     * stream, recorded as 0). The run keeps no more of them than the answer's first line, so that a
     * failure can say what arrived; the whole answer is the stage's to keep.
     */
    @Override
    public void read(Target request, byte[] chunk, int length) {
        events.record(request, Event.Kind.READ, Math.max(0, length));
        if (length > 0) {
            Objects.checkFromIndexSize(0, length, chunk.length); // a stage's bug: more bytes read than its buffer holds
            if (isOfThisRun(request)) {
                FirstLine firstLine = firstLines.get(request.request());
                if (firstLine == null) {
                    firstLine = new FirstLine();
                    firstLines.set(request.request(), firstLine); // only the request's own code reads for it
                }
                firstLine.add(chunk, length);
            }
        }
    }

    /**
     * The {@link System#nanoTime()} by which the whole request must be over: {@link #maxTime()}
     * after its connect began (or after now, if it has not begun).
     */
    public long deadlineNanos(Target request) {
        return startedNanos(request) + maxTime().toNanos();
    }

    /** When the request's first event was: set by the first call, for a request of this run. */
    private long startedNanos(Target request) {
        if (!isOfThisRun(request)) {
            return System.nanoTime(); // a stage's bug, reported when the request ends
        }
        long now = System.nanoTime() | 1; // never 0, which means "not yet"; 1 ns does not matter
        long earlier = started.compareAndExchange(request.request(), 0, now);
        return earlier == 0 ? now : earlier;
    }

    private boolean isOfThisRun(Target request) {
        return request.request() >= 1 && request.request() <= targets.size();
    }

    /** The deadline of a wait that starts now: {@link #timeout()} from now, or the request's own, if sooner. */
    public long waitDeadlineNanos(Target request) {
        long wait = System.nanoTime() + timeout().toNanos();
        long whole = deadlineNanos(request);
        return wait - whole < 0 ? wait : whole;
    }

    /**
     * What a wait that passed its {@link #waitDeadlineNanos deadline} fails with: a timeout saying
     * what never happened, or, if the whole request's time is up, {@link MaxTimeExceeded}.
     */
    public SocketTimeoutException waitExpired(Target request, String whatNeverHappened) {
        if (System.nanoTime() - deadlineNanos(request) >= 0) {
            return new MaxTimeExceeded(maxTime(), whatNeverHappened);
        }
        return new SocketTimeoutException(whatNeverHappened);
    }

    /**
     * Bounds a blocking request by its {@code --max-time}: closes {@code socket} at the request's
     * deadline, which ends any read or write blocked on it (a blocking {@code write} has no timeout
     * of its own in Java). Close what this returns once the request is over, to call the watchdog off;
     * a request that failed because the watchdog closed its socket is reported as over its time.
     */
    public Deadlines.Watchdog closeAtDeadline(Target request, Closeable socket) {
        long delay = deadlineNanos(request) - System.nanoTime();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            closedAtDeadline.add(request.request());
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all the watchdog does; the request's own code sees the closed socket.
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        return () -> watchdog.cancel(false);
    }

    /**
     * The request's whole response arrived: prints it as the article does (lines split at CRLF),
     * cut if long, escaped for the terminal. An answer that is not HTTP, or that ended short of the
     * length it declared, counts as a failure, not an answer (see {@link ResponseJudge}).
     */
    @Override
    public void answered(Target request, byte[] response) {
        Failures.BadResponseException problem = ResponseJudge.problemWith(response);
        if (problem != null) {
            failed(request, problem);
            return;
        }
        synchronized (this) {
            if (report(new Outcome(request, response.clone(), null))) {
                firstLines.set(request.request(), null);
                events.record(request, Event.Kind.END);
                if (!settings.quiet()) {
                    out.println(shown(response));
                }
            }
        }
    }

    /**
     * The request failed: prints one line naming the host, what happened and what to try. A
     * cause that is not the network's (not an IOException) is a bug: its stack trace follows.
     */
    @Override
    public void failed(Target request, Throwable cause) {
        if (closedAtDeadline.contains(request.request()) && !(cause instanceof MaxTimeExceeded)) {
            cause = new MaxTimeExceeded(maxTime(), "its socket was closed then");
        }
        synchronized (this) {
            FirstLine firstLine = isOfThisRun(request) ? firstLines.get(request.request()) : null;
            String why = Failures.explain(cause, request, timeout(), events.bytesReadBy(request),
                    firstLine == null ? new byte[0] : firstLine.bytes());
            if (report(new Outcome(request, null, why))) {
                firstLines.set(request.request(), null);
                events.record(request, Event.Kind.FAILED);
                out.println(label(request) + " failed: " + why);
                if (isBug(cause)) {
                    bugTraces.put(request.request(), printStackTrace(cause));
                }
            }
        }
    }

    /**
     * Runs the stage's client, then prints the timeline (if asked) and the summary line.
     *
     * @return the exit status: 0 if every request answered and the stage showed no bug, 1 otherwise
     */
    public int execute(Stage stage, boolean timeline) {
        return execute(stage.client(), stage.beforeTheClock(), timeline);
    }

    /** {@link #execute(Stage, boolean)} for a client alone, with nothing of its own to load before the clock. */
    public int execute(Client client, boolean timeline) {
        return execute(client, () -> { }, timeline);
    }

    private int execute(Client client, Runnable beforeTheClock, boolean timeline) {
        clientClass = client.getClass();
        NetworkClasses.load(); // Python's import socket, selectors: before the clock
        beforeTheClock.run();
        cpu.start();
        try {
            client.requestAll(targets, this);
        } catch (Exception | AssertionError e) {
            stageBug("requestAll threw " + e);
            printStackTrace(e);
        } finally {
            clientCpuNanos = cpu.stop().toNanos();
        }
        for (Target target : targets) {
            if (outcome(target) == null) {
                stageBug("request #" + target.request() + " (" + target.host() + ") was never reported");
                failed(target, new IllegalStateException("the stage never reported this request"));
            }
        }
        if (timeline && !settings.quiet()) {
            out.println();
            out.print(targets.size() > MOST_LANES_DRAWN
                    ? "timeline: left out, " + targets.size() + " requests are more lanes than a screen shows (at most "
                            + MOST_LANES_DRAWN + " are drawn)" + System.lineSeparator()
                    : Timeline.render(events.all(), targets));
        }
        out.println(summary());
        out.flush();
        return answeredCount() == targets.size() && stageBugs().isEmpty() ? 0 : 1;
    }

    /** The run's last line, {@code N of M hosts answered in W ms, client CPU C ms}: W from the first connect to the last event. */
    public SummaryLine summary() {
        return new SummaryLine(answeredCount(), targets.size(), wallMillis(), clientCpuMillis());
    }

    /** Milliseconds from the first connect to the last event. */
    public long wallMillis() {
        return Math.round(events.spanNanos() / 1e6);
    }

    /** Milliseconds of CPU the client used, estimated as the class comment says. */
    public long clientCpuMillis() {
        return Math.round(clientCpuNanos / 1e6);
    }

    public synchronized int answeredCount() {
        return answered;
    }

    /** How this request ended, or null if it has not yet. */
    public synchronized Outcome outcome(Target request) {
        return isOfThisRun(request) ? outcomeOf[request.request()] : null;
    }

    /** How the one request for {@code host} ended; for a run that names each host once. */
    public Outcome outcome(String host) {
        List<Target> named = targets.stream().filter(target -> target.host().equals(host)).toList();
        if (named.size() != 1) {
            throw new IllegalArgumentException(host + " is requested " + named.size()
                    + " times in this run; ask for one request with outcome(Target)");
        }
        return outcome(named.get(0));
    }

    /** The outcomes in the order the requests ended. */
    public synchronized List<Outcome> outcomes() {
        return new ArrayList<>(outcomesInOrder);
    }

    /** What the stage's own bookkeeping did wrong in this run, in the order seen; empty for a sound stage. */
    public synchronized List<String> stageBugs() {
        return List.copyOf(stageBugs);
    }

    private static ScheduledThreadPoolExecutor watchdogThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "testbed-max-time-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // a request that ended in time leaves nothing queued
        return executor;
    }

    /** Everything printed so far, for a run made with {@link #capturing}. */
    public String output() {
        if (captured == null) {
            throw new IllegalStateException("this run prints to a stream; only a capturing run keeps its output");
        }
        out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The request as output names it: its host, with its number too if the host is requested more than once. */
    public String label(Target request) {
        return labelFor(request, requestsPerHost.getOrDefault(request.host(), 0));
    }

    static String labelOf(Target request, List<Target> all) {
        return labelFor(request, all.stream().filter(other -> other.host().equals(request.host())).count());
    }

    private static String labelFor(Target request, long requestsOfItsHost) {
        return requestsOfItsHost > 1 ? request.host() + " #" + request.request() : request.host();
    }

    /** Records the outcome; false (and a stage bug) if this request, or one not of this run, was reported before. */
    private synchronized boolean report(Outcome outcome) {
        Target request = outcome.target();
        // The same object, as every stage passes it; equals (a record's, through a method handle) only if not.
        if (!isOfThisRun(request) || targets.get(request.request() - 1) != request && !targets.get(request.request() - 1).equals(request)) {
            stageBug("reported " + request + ", which is not one of this run's requests (use the targets the run gave)");
            return false;
        }
        Outcome earlier = outcomeOf[request.request()];
        if (earlier != null) {
            stageBug(label(request) + " was reported twice: first as " + (earlier.answered() ? "answered" : "failed")
                    + ", then as " + (outcome.answered() ? "answered" : "failed: " + outcome.failure())
                    + "; the first report stands");
            return false;
        }
        outcomeOf[request.request()] = outcome;
        outcomesInOrder.add(outcome);
        if (outcome.answered()) {
            answered++;
        }
        return true;
    }

    private synchronized void stageBug(String what) {
        stageBugs.add(what);
        out.println("the stage's bug: " + what);
    }

    /** Not the network's doing: a bug, whose stack trace is all there is to go on. */
    private static boolean isBug(Throwable cause) {
        return !(cause instanceof IOException) && !(cause instanceof CancellationException);
    }

    /**
     * The exception and its frames, down to the stage's {@code requestAll}; what lies below it (the
     * testbed's run and the command line, or a test) is the same for every stage, and its length
     * depends on how the program was started, so it is only mentioned.
     */
    private List<String> printStackTrace(Throwable bug) {
        List<String> lines = new ArrayList<>();
        lines.add(bug.toString());
        String stage = clientClass == null ? null : clientClass.getName();
        for (StackTraceElement frame : bug.getStackTrace()) {
            lines.add("\tat " + frame);
            if (frame.getClassName().equals(stage) && frame.getMethodName().equals("requestAll")) {
                lines.add(BELOW_REQUEST_ALL);
                break;
            }
        }
        lines.forEach(out::println);
        return lines;
    }

    /**
     * The stack trace printed for this request's failure, line by line, if it failed with a bug (as
     * {@code --fail-in} makes it); empty for a failure of the network. All a reader has to go on.
     */
    public synchronized List<String> bugTrace(Target request) {
        return List.copyOf(bugTraces.getOrDefault(request.request(), List.of()));
    }

    /** The response as the article prints it: decoded, CRLF split into lines, escaped; long ones cut. */
    public static String shown(byte[] response) {
        int shown = Math.min(response.length, SHOWN_BYTES);
        while (shown < response.length && shown > SHOWN_BYTES - 3 && (response[shown] & 0xc0) == 0x80) {
            shown--; // never cut a UTF-8 character in two
        }
        String text = TerminalText.escape(response, 0, shown);
        if (shown < response.length) {
            text += "\n[... " + (response.length - shown) + " more bytes not shown]\n";
        }
        return text;
    }
    /**
     * Where {@code --quiet} sends the stage's lines: nowhere, without encoding them first, as a
     * {@code PrintStream} on a null stream would (at 10,000 requests that is a measurable part of
     * the client's CPU, and Python's {@code --quiet} skips its prints the same way).
     */
    private static final class Discarding extends PrintStream {
        Discarding() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public void print(String text) {
        }

        @Override
        public void print(Object object) {
        }

        @Override
        public void println(String line) {
        }

        @Override
        public void println(Object object) {
        }

        @Override
        public PrintStream printf(String format, Object... args) {
            return this;
        }

        @Override
        public PrintStream format(String format, Object... args) {
            return this;
        }

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }
    }
}
