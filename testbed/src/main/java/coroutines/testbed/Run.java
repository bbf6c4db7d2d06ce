package coroutines.testbed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a stage: the targets, the time limit, where output goes, the event record, and
 * how each host ended. The stage's code calls the event methods ({@link #connecting},
 * {@link #connected}, {@link #sent}, {@link #read}) and reports each host once
 * ({@link #answered} or {@link #failed}); {@link #execute} then draws the timeline and prints
 * the summary line, which is always the last line of a run.
 */
public final class Run {

    /** Responses longer than this are shown cut, with the count of bytes left out. */
    static final int SHOWN_BYTES = 2048;

    private List<Target> targets; // with every DNS name looked up, once execute starts
    private final Duration timeout;
    private final PrintStream out;
    private final ByteArrayOutputStream captured;
    private final EventRecord events = new EventRecord();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final AtomicLong otherThreadsCpuNanos = new AtomicLong();
    private long clientCpuNanos;

    /** How one host ended: with its response, or with the reason it failed. */
    public record Outcome(String host, byte[] response, String failure) {
        public boolean answered() {
            return failure == null;
        }
    }

    public Run(List<Target> targets, Duration timeout, PrintStream out) {
        this(targets, timeout, out, null);
    }

    private Run(List<Target> targets, Duration timeout, PrintStream out, ByteArrayOutputStream captured) {
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.out = out;
        this.captured = captured;
    }

    /** A run whose output is kept in memory, for tests: read it with {@link #output()}. */
    public static Run capturing(List<Target> targets, Duration timeout) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new Run(targets, timeout, new PrintStream(buffer, true, StandardCharsets.UTF_8), buffer);
    }

    public List<Target> targets() {
        return targets;
    }

    /** The longest any single wait may last: a connect, or a time without any progress. */
    public Duration timeout() {
        return timeout;
    }

    /** Where the stage prints what the article prints. */
    public PrintStream out() {
        return out;
    }

    public EventRecord events() {
        return events;
    }

    public void connecting(String host) {
        events.record(host, Event.Kind.CONNECTING);
    }

    public void connected(String host) {
        events.record(host, Event.Kind.CONNECTED);
    }

    public void sent(String host) {
        events.record(host, Event.Kind.SENT);
    }

    /** A read returned {@code bytes} bytes (0 or -1: the end of the stream, recorded as 0). */
    public void read(String host, int bytes) {
        events.record(host, Event.Kind.READ, Math.max(0, bytes));
    }

    /**
     * The host's whole response arrived: prints it as the article does (lines split at CRLF),
     * cut if long, escaped for the terminal. An answer that is not HTTP, or that ended short of the
     * length it declared, counts as a failure, not an answer (see {@link ResponseJudge}).
     */
    public void answered(String host, byte[] response) {
        Failures.BadResponseException problem = ResponseJudge.problemWith(response);
        if (problem != null) {
            failed(host, problem);
            return;
        }
        synchronized (this) {
            report(new Outcome(host, response.clone(), null));
            events.record(host, Event.Kind.END);
            out.println(shown(response));
        }
    }

    /** The host failed: prints one line naming the host, what happened and what to try. */
    public void failed(String host, Throwable cause) {
        synchronized (this) {
            String why = Failures.explain(cause, targetNamed(host), timeout, events.bytesReadBy(host));
            report(new Outcome(host, null, why));
            events.record(host, Event.Kind.FAILED);
            out.println(host + " failed: " + why);
        }
    }

    /** CPU time spent by client code on threads other than the one that called the stage. */
    public void addClientCpu(Duration cpu) {
        otherThreadsCpuNanos.addAndGet(cpu.toNanos());
    }

    /**
     * Runs the stage's client, then prints the timeline (if asked) and the summary line.
     *
     * @return the exit status: 0 if every host answered, 1 otherwise
     */
    public int execute(Client client, boolean timeline) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        targets = NameLookups.resolveAll(targets, timeout); // before the stage: no lookup ever blocks its loop
        long cpuBefore = cpu.getCurrentThreadCpuTime();
        try {
            client.requestAll(targets, this);
        } catch (Exception | AssertionError e) {
            out.println("the stage itself failed: " + e);
        } finally {
            clientCpuNanos = cpu.getCurrentThreadCpuTime() - cpuBefore + otherThreadsCpuNanos.get();
        }
        for (Target target : targets) {
            if (outcome(target.host()) == null) {
                failed(target.host(), new IllegalStateException("the stage never reported this host"));
            }
        }
        if (timeline) {
            out.println();
            out.print(Timeline.render(events.all(), targets.stream().map(Target::host).toList()));
        }
        out.println(summaryLine());
        out.flush();
        return answeredCount() == targets.size() ? 0 : 1;
    }

    /** {@code N of M hosts answered in W ms, client CPU C ms}: W from the first connect to the last event. */
    public String summaryLine() {
        return answeredCount() + " of " + targets.size() + " hosts answered in "
                + wallMillis() + " ms, client CPU " + clientCpuMillis() + " ms";
    }

    /** Milliseconds from the first connect to the last event. */
    public long wallMillis() {
        return Math.round(events.spanNanos() / 1e6);
    }

    /** Milliseconds of CPU the client code used (not the local hosts': they run on other threads). */
    public long clientCpuMillis() {
        return Math.round(clientCpuNanos / 1e6);
    }

    public synchronized int answeredCount() {
        return (int) outcomes.values().stream().filter(Outcome::answered).count();
    }

    public synchronized Outcome outcome(String host) {
        return outcomes.get(host);
    }

    /** The outcomes in the order the hosts ended. */
    public synchronized List<Outcome> outcomes() {
        return new ArrayList<>(outcomes.values());
    }

    /** Everything printed so far, for a run made with {@link #capturing}. */
    public String output() {
        if (captured == null) {
            throw new IllegalStateException("this run prints to a stream; only a capturing run keeps its output");
        }
        out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private void report(Outcome outcome) {
        if (outcomes.containsKey(outcome.host())) {
            throw new IllegalStateException(outcome.host() + " was already reported as "
                    + (outcomes.get(outcome.host()).answered() ? "answered" : "failed"));
        }
        outcomes.put(outcome.host(), outcome);
    }

    private Target targetNamed(String host) {
        return targets.stream().filter(t -> t.host().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(host + " is not one of this run's targets"));
    }

    /** The response as the article prints it: decoded, CRLF split into lines, escaped; long ones cut. */
    static String shown(byte[] response) {
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
}
