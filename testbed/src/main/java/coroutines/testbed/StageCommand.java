package coroutines.testbed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The command line every stage shares: which hosts, where they are, how long to wait. With no
 * host given, the four local hosts are started in-process; host names replace them; curl-style
 * {@code --resolve} rules point a name at any address; a name without a rule goes to port 80
 * through DNS, as in the article.
 *
 * <p>Built on picocli, a well-kept library, so that usage errors and help texts need no
 * hand-written parser: a bad option prints the usage and exits with status 2.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        footer = {"",
                "With no HOST and no --resolve, the article's four hosts are played by local servers.",
                "With --resolve but no HOST, the article's four names are requested, each where its rule says.",
                "Exit status: 0 if every host answered, 1 if any failed, 2 for a usage error."})
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

    @Spec
    private CommandSpec spec;

    private Client client;
    private PrintStream out;
    private Run run;

    private StageCommand() {
    }

    /** Runs a stage from its {@code main}, and exits with the run's status. */
    public static void main(Stage stage, String[] args) {
        if (builtOnlyAsADependency(stage, System.getProperty("coroutines.exec.module"),
                ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()))) {
            return;
        }
        // UTF-8 whatever the locale: under LC_ALL=C the JVM's own System.out prints 中文 as '?'.
        PrintStream out = TerminalText.utf8StandardOutput();
        PrintStream err = TerminalText.utf8StandardError();
        System.setOut(out);
        System.setErr(err);
        Execution execution = execute(stage, out, err, args);
        out.flush();
        err.flush();
        System.exit(execution.status());
    }

    /**
     * True when Maven runs this stage's main only because {@code -am} built the module for another
     * one. {@code ./mvnw -pl stage5-tasks-futures -am compile exec:java} runs exec:java in every
     * module it builds, stage 4 included (stage 5 depends on it), and stage 4's main would run
     * first and exit. Maven offers no way to skip a goal in the modules {@code -am} added, so the
     * main looks at Maven's own command line (exec:java runs inside Maven's JVM, and the exec
     * plugin sets {@code coroutines.exec.module}): a stage not named by {@code -pl} stays quiet.
     */
    static boolean builtOnlyAsADependency(Stage stage, String execModule, List<String> mavenArguments) {
        if (execModule == null) {
            return false; // not run by Maven's exec plugin
        }
        for (int i = 0; i < mavenArguments.size() - 1; i++) {
            String option = mavenArguments.get(i);
            if (option.equals("-pl") || option.equals("--projects")) {
                return Arrays.stream(mavenArguments.get(i + 1).split(","))
                        .map(selected -> selected.substring(selected.lastIndexOf('/') + 1).replace(":", ""))
                        .noneMatch(stage.name()::equals);
            }
        }
        return false;
    }

    /**
     * What running a stage gave: its exit status, and the run itself (absent after a usage error
     * or {@code --help}, when nothing was requested).
     */
    public record Execution(int status, Optional<Run> run) {
    }

    /** Runs a stage with the given arguments, without exiting. */
    public static Execution execute(Stage stage, PrintStream out, PrintStream err, String[] args) {
        StageCommand command = new StageCommand();
        command.client = stage.client();
        command.out = out;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Off: picocli would replace an argument '@x' by the lines of a file x, so that host is never requested.
        commandLine.setExpandAtFiles(false);
        commandLine.setCommandName(stage.name());
        commandLine.getCommandSpec().usageMessage().description(stage.description());
        for (Object options : stage.options()) {
            commandLine.addMixin(options.getClass().getSimpleName(), options);
        }
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
        Duration timeout = Duration.ofMillis(timeoutMillis);
        hosts = validHostNames(hosts);
        boolean local = hosts.isEmpty() && resolveRules.isEmpty();
        if (!local && !(faults.isEmpty() && latencies.isEmpty())) {
            throw usageError("--fault and --latency change the local hosts; they cannot be used with HOST or --resolve");
        }
        if (!local) {
            run = new Run(resolve(), timeout, out);
            return run.execute(client, !noTimeline);
        }
        try (LocalHosts localHosts = startLocalHosts()) {
            run = new Run(localHosts.targets(), timeout, out);
            return run.execute(client, !noTimeline);
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
            targets.add(rule.map(r -> new Target(name, r.socketAddress())).orElseGet(() -> Target.viaDns(name)));
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
