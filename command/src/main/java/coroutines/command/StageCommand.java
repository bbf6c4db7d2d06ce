package coroutines.command;

import coroutines.pictures.RunPage;
import coroutines.pictures.TraceFile;
import coroutines.testbed.Fault;
import coroutines.testbed.LocalHosts;
import coroutines.testbed.Stage;
import coroutines.testbed.StageRun;
import coroutines.testbed.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line every stage shares: which hosts, where they are, how many requests, how long
 * to wait, what to print and what to fail on purpose; the run reads the options, the lessons
 * never see them. With no host given, the four local hosts are started in-process; host names
 * replace them; curl-style {@code --resolve} rules point a name at any address; a name without a
 * rule goes to port 80 through DNS, as in the article, looked up before the run starts
 * ({@link NameLookups}), so the run and the stage see only addresses.
 *
 * <p>Built on picocli, a well-kept library, so that usage errors and help texts need no
 * hand-written parser: a bad option prints the usage and exits with status 2.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        footer = {"",
                "With no HOST and no --resolve, the article's four hosts are played by local servers.",
                "With --resolve but no HOST, the article's four names are requested, each where its rule says.",
                "Exit status: 0 if every request answered, 1 if any failed (or the stage showed a bug of its own),"
                        + " 2 for a usage error."})
public final class StageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST", arity = "0..*",
            description = "Hosts to request (default: the four local hosts): DNS names, or IPv4 addresses;"
                    + " an internationalised name is sent in its ASCII form (xn--...).")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDRESS", converter = ResolveConverter.class,
            description = "Send requests for HOST to ADDRESS:PORT, as curl's --resolve: HOST matched"
                    + " in any case, PORT ASCII digits in 1..65535, ADDRESS numeric. Repeatable.")
    private List<ResolveRule> resolveRules = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "The longest any wait may last (a connect, or a time without progress). Default: ${DEFAULT-VALUE}.")
    private int timeoutMillis;

    @Option(names = "--fault", paramLabel = "HOST=FAULT",
            description = "Make a local host misbehave, FAULT one of: refuse, reset, silent, garbage, huge, trickle,"
                    + " hangup, truncated, unclosed, drip, deaf (see testbed/README.md). Repeatable.")
    private Map<String, Fault> faults = new LinkedHashMap<>();

    @Option(names = "--latency", paramLabel = "HOST=MS",
            description = "Change a local host's latency (defaults: so1n.me 300, github.com 200, google.com 100, baidu.com 400).")
    private Map<String, Integer> latencies = new LinkedHashMap<>();

    @Option(names = "--no-timeline", description = "Do not draw the timeline after the run.")
    private boolean noTimeline;

    @Option(names = "--requests", paramLabel = "N",
            description = "Make N requests, cycling over the hosts given (default: one per host).")
    private Integer requestCount;

    @Option(names = "--quiet", description = "Print only the failures and the summary line.")
    private boolean quiet;

    @Option(names = "--max-time", paramLabel = "MS", defaultValue = "30000",
            description = "The longest a whole request may last, as curl's --max-time. Default: ${DEFAULT-VALUE}.")
    private int maxTimeMillis;

    @Option(names = "--fail-in", paramLabel = "HOST",
            description = "Make HOST's request fail on purpose, as a bug would, in the one step the stage has for it"
                    + " (" + STAGES_THAT_CAN_FAIL + ").")
    private String failIn;

    @Option(names = "--picture", paramLabel = "FILE.html", converter = PictureFile.Converter.class,
            description = "After the run, write FILE.html: one page that opens offline and draws the run's events,"
                    + " one lane per request (per host above " + RunPage.MOST_REQUEST_LANES + "), with a step control;"
                    + " a run that fails, or that Ctrl-C stops, is drawn too, marked incomplete. A page that cannot be written"
                    + " after the run makes the status 1.")
    private Path picture;

    // Checked while the options are parsed (TraceFileConverter): a path that cannot be written fails before any request.
    @Option(names = "--trace", paramLabel = "FILE.json", converter = TraceFileConverter.class,
            description = "Write the run to FILE.json in the Chrome Trace Event Format, to open in https://ui.perfetto.dev"
                    + " or chrome://tracing: a track per request and per thread, arrows from each wait to the step that"
                    + " resumed it. A run cut short or with a failure is written too, marked complete: false.")
    private TraceFile trace;

    /** The stages with a step that {@code --fail-in} makes fail: the usage error names them. */
    static final String STAGES_THAT_CAN_FAIL = "stage 3: the read callback; stage 4: the generator's body; stage 5: the read coroutine";

    @Spec
    private CommandSpec spec;

    private Stage stage;
    private PrintStream out;
    private StageRun run;

    private StageCommand() {
    }

    /** Runs a stage from its {@code main}, and exits with the run's status. */
    public static void main(Stage stage, String[] args) {
        // UTF-8 whatever the locale: under LC_ALL=C the JVM's own System.out prints 中文 as '?'.
        PrintStream out = Utf8Output.standardOutput();
        PrintStream err = Utf8Output.standardError();
        System.setOut(out);
        System.setErr(err);
        StageJvm.sayIfTheCacheWasNotUsed(err);
        Execution execution = execute(stage, out, err, args);
        out.flush();
        err.flush();
        System.exit(execution.status());
    }

    /**
     * What running a stage gave: its exit status, and the run itself (absent after a usage error
     * or {@code --help}, when nothing was requested).
     */
    public record Execution(int status, Optional<StageRun> run) {
    }

    /** Runs a stage with the given arguments, without exiting. */
    public static Execution execute(Stage stage, PrintStream out, PrintStream err, String[] args) {
        StageCommand command = new StageCommand();
        command.stage = stage;
        command.out = out;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Off: picocli would replace an argument '@x' by the lines of a file x, so that host is never requested.
        commandLine.setExpandAtFiles(false);
        commandLine.setCommandName(stage.name());
        commandLine.getCommandSpec().usageMessage().description(stage.description());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(StageCommand::usageError);
        int status = commandLine.execute(args);
        return new Execution(status, Optional.ofNullable(command.run));
    }

    @Override
    public Integer call() throws IOException {
        if (timeoutMillis <= 0) {
            throw usageError("--timeout must be a positive number of milliseconds, not " + timeoutMillis);
        }
        if (maxTimeMillis <= 0) {
            throw usageError("--max-time must be a positive number of milliseconds, not " + maxTimeMillis);
        }
        if (requestCount != null && requestCount <= 0) {
            throw usageError("--requests must be a positive number of requests, not " + requestCount);
        }
        if (failIn != null && !stage.canFailOnPurpose()) {
            throw usageError("--fail-in " + failIn + ": " + stage.name() + " has no step that fails on purpose;"
                    + " the stages that have one are " + STAGES_THAT_CAN_FAIL);
        }
        hosts = validHostNames(hosts);
        StageRun.Settings settings = StageRun.Settings.withTimeout(Duration.ofMillis(timeoutMillis))
                .maxTime(Duration.ofMillis(maxTimeMillis)).quiet(quiet).failIn(failIn);
        boolean local = hosts.isEmpty() && resolveRules.isEmpty();
        if (!local && !(faults.isEmpty() && latencies.isEmpty())) {
            throw usageError("--fault and --latency change the local hosts; they cannot be used with HOST or --resolve");
        }
        if (!local) {
            // Every lookup before the run: no stage's loop ever blocks on DNS.
            return execute(NameLookups.resolveAll(resolve(), Duration.ofMillis(timeoutMillis)), settings);
        }
        try (LocalHosts localHosts = startLocalHosts()) {
            return execute(localHosts.targets(), settings);
        }
    }

    /** Each HOST in its ASCII form; a name that is not a DNS name is a usage error (picocli would call it "unmatched"). */
    private List<String> validHostNames(List<String> given) {
        List<String> valid = new ArrayList<>();
        for (String host : given) {
            try {
                valid.add(HostName.toAscii(host));
            } catch (IllegalArgumentException e) {
                throw usageError("HOST " + e.getMessage());
            }
        }
        return valid;
    }

    private int execute(List<Target> hostsGiven, StageRun.Settings settings) {
        if (failIn != null && hostsGiven.stream().noneMatch(target -> target.host().equals(failIn))) {
            out.println("--fail-in " + failIn + ": not a host of this run, so nothing will fail on purpose;"
                    + " name one of " + hostsGiven.stream().map(Target::host).distinct().toList());
        }
        run = new StageRun(cycled(hostsGiven), settings, out);
        TraceFile.Writing tracing = trace == null ? null : trace.whileRunning(run, stage.name(), spec.commandLine().getErr());
        PictureFile.Stopping drawing = PictureFile.whileRunning(picture, stage.name(), run, out);
        int status;
        try {
            status = run.execute(stage, !noTimeline);
        } finally {
            if (tracing != null) {
                tracing.close(); // what the run saw, even if it threw
            }
            if (drawing != null) {
                drawing.runEnded(); // from here the page is written below, not by the shutdown hook
            }
        }
        return PictureFile.writeAfter(picture, stage.name(), run, status, out);
    }

    /** {@code --requests N}: N requests, going round the hosts given. */
    private List<Target> cycled(List<Target> hostsGiven) {
        int count = requestCount == null ? hostsGiven.size() : requestCount;
        List<Target> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(hostsGiven.get(i % hostsGiven.size()));
        }
        return requests;
    }

    private LocalHosts startLocalHosts() throws IOException {
        LocalHosts.Builder builder = LocalHosts.builder();
        for (var latency : latencies.entrySet()) {
            requireLocalHost(latency.getKey(), "--latency");
            if (latency.getValue() < 0) {
                throw usageError("--latency " + latency.getKey() + "=" + latency.getValue() + ": a latency cannot be negative");
            }
            builder.latency(latency.getKey(), Duration.ofMillis(latency.getValue()));
        }
        for (var fault : faults.entrySet()) {
            requireLocalHost(fault.getKey(), "--fault");
            builder.fault(fault.getKey(), fault.getValue());
        }
        return builder.start();
    }

    private void requireLocalHost(String host, String option) {
        if (!LocalHosts.ARTICLE_HOSTS.contains(host)) {
            throw usageError(option + " " + host + ": the local hosts are " + LocalHosts.ARTICLE_HOSTS);
        }
    }

    /** The targets for the named hosts (or the article's four), each via its rule or via DNS. */
    List<Target> resolve() {
        List<String> names = hosts.isEmpty() ? LocalHosts.ARTICLE_HOSTS : hosts;
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            // The last matching rule wins, as a later --resolve for the same name replaces an earlier one in curl.
            Optional<ResolveRule> rule = resolveRules.stream().filter(r -> r.isFor(name)).reduce((first, last) -> last);
            targets.add(rule.map(r -> new Target(name, r.socketAddress())).orElseGet(() -> NameLookups.viaDns(name)));
        }
        return targets;
    }

    /** Any usage error: what is wrong, a suggestion if picocli has one, then the whole usage. */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        commandLine.usage(err);
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Lets picocli report a malformed rule as a usage error, with the rule's own explanation. */
    static final class ResolveConverter implements CommandLine.ITypeConverter<ResolveRule> {
        @Override
        public ResolveRule convert(String value) {
            try {
                return ResolveRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
