package coroutines.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.command.StageCommand;
import coroutines.testbed.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * Keeps the docs true: every program output and every JShell session shown in a Markdown file is
 * produced again by a test and compared, so a change that makes the docs false fails the build.
 *
 * <p>A block is checked when an HTML comment (invisible on GitHub) stands on the line before it:
 * <pre>
 * &lt;!-- output: stage2-nonblocking-poll --fault github.com=refuse --&gt;
 * ```text
 * ...what the program prints...
 * ```
 *
 * &lt;!-- jshell: stage4-generator-coroutines --&gt;
 * ```jshell
 * jshell&gt; ArticleExamples.demo().send(null)
 * ...
 * ```
 * </pre>
 * An output block is compared line by line with a fresh in-process run of that stage with those
 * arguments; only what differs from run to run is masked: durations ({@code 412 ms}), ports,
 * poll counts, and the exact shape of timeline lanes (each lane must still end the same way).
 * {@code output any-order:} compares the lines as a multiset, for output whose order the network
 * and the scheduler decide: every stage whose requests overlap needs it, because on a loaded
 * machine a host can finish out of the order of the latencies. A JShell block is typed into the
 * real JShell tool (the jdk.jshell.tool API, with the stage's startup script) and must match
 * exactly what the tool prints. In both, a stack trace's frames in the project's own files keep
 * their line numbers ({@code (Generator.java:157)}): a shown trace that no longer points at the
 * line the code has today fails, as any other output does. Two things are masked, being the JDK's
 * and not the project's: the line numbers of the JDK's own frames ({@code (SelectorImpl.java:#)}),
 * which differ between JDK 17 and 25, and the numbers javac gives lambdas ({@code lambda$read$1}
 * from JDK 17's javac is {@code lambda$read$0} from JDK 25's).
 */
public final class DocChecks {

    private static final Pattern MARKER = Pattern.compile("^<!-- (output|output any-order|output tail|jshell): (\\S+)(.*?) -->$");

    private DocChecks() {
    }

    /** A marked block: which kind, for which stage, with what arguments, and its text. */
    record Block(Path file, int line, String kind, String stage, String args, String text) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " (" + kind + ": " + (stage + " " + args).strip() + ")";
        }
    }

    /** The marked blocks of these files that belong to {@code stage}. */
    static List<Block> blocks(List<Path> files, String stage, String kindPrefix) {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            checkedBlocks(file).stream()
                    .filter(block -> block.kind().startsWith(kindPrefix) && block.stage().equals(stage))
                    .forEach(blocks::add);
        }
        return blocks;
    }

    /** Every marked block of a file, whatever its stage, in the order of the file. */
    static List<Block> checkedBlocks(Path file) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches()) {
                continue;
            }
            int fence = i + 1;
            assertThat(lines.size()).as("%s:%d: a marker must be followed by a fenced block", file, i + 1)
                    .isGreaterThan(fence);
            assertThat(lines.get(fence)).as("%s:%d: the block after a marker", file, fence + 1).startsWith("```");
            int end = fence + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            String text = String.join("\n", lines.subList(fence + 1, end));
            blocks.add(new Block(file, i + 1, marker.group(1), marker.group(2), marker.group(3).strip(), text));
        }
        return blocks;
    }

    /**
     * Runs {@code stage} for every output block of it in the files and compares.
     *
     * @return how many blocks were checked, so a test can insist there are some
     */
    public static int assertProgramOutputs(List<Path> files, Stage stage) {
        return assertProgramOutputs(files, stage.name(), args -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            StageCommand.execute(stage, both, both, args);
            return buffer.toString(StandardCharsets.UTF_8);
        });
    }

    /**
     * Runs {@code program} (arguments in, everything it printed out) for every output block
     * marked with {@code name} in the files, and compares. {@code output tail:} compares only the
     * last lines of the output, as many as the block has.
     */
    public static int assertProgramOutputs(List<Path> files, String name, Function<String[], String> program) {
        List<Block> blocks = blocks(files, name, "output");
        for (Block shown : blocks) {
            Block block = shown;
            String[] args = block.args().isEmpty() ? new String[0] : block.args().split("\\s+");
            String actual = program.apply(args);
            if (Boolean.getBoolean(UPDATE)) {
                String refreshed = withLineNumbersOf(actual, block.text());
                if (!refreshed.equals(block.text())) {
                    rewrite(block, refreshed);
                    block = new Block(block.file(), block.line(), block.kind(), block.stage(), block.args(), refreshed);
                }
            }
            List<String> expectedLines = masked(block.text());
            List<String> actualLines = masked(actual);
            if (block.kind().equals("output tail")) {
                actualLines = actualLines.subList(Math.max(0, actualLines.size() - expectedLines.size()), actualLines.size());
            }
            if (block.kind().equals("output any-order")) {
                expectedLines = onePerRead(expectedLines).stream().sorted().toList();
                actualLines = onePerRead(actualLines).stream().sorted().toList();
            }
            assertThat(actualLines)
                    .as("%s no longer matches what the program prints; it printed:%n%s", block, actual)
                    .containsExactlyElementsOf(expectedLines);
        }
        return blocks.size();
    }

    /**
     * Types every JShell block of {@code stage} in the files into the JShell tool, started with the
     * stage's startup script and this test's class path, and compares with what it prints.
     *
     * @return how many blocks were checked
     */
    public static int assertJShellTranscripts(List<Path> files, String stage, Path startupScript) {
        List<Block> blocks = blocks(files, stage, "jshell");
        List<Block> bottomUp = new ArrayList<>(blocks);
        // Bottom up, so that rewriting a block does not move the ones still to come.
        Collections.reverse(bottomUp);
        for (Block block : bottomUp) {
            String actual = runJShell(inputsOf(block.text()), startupScript);
            // Only a real difference is rewritten: not the lambda numbers another JDK's javac gives.
            if (Boolean.getBoolean(UPDATE) && !maskFrames(actual.stripTrailing()).equals(maskFrames(block.text().stripTrailing()))) {
                rewrite(block, actual.stripTrailing());
                continue;
            }
            // Exact, except what moves when a file is edited or compiled by another JDK.
            assertThat(maskFrames(actual.stripTrailing()))
                    .as("%s no longer matches what JShell prints", block)
                    .isEqualTo(maskFrames(block.text().stripTrailing()));
        }
        return blocks.size();
    }

    /**
     * With {@code -Ddocs.update=true}, a JShell block that differs from what JShell prints now is
     * rewritten in its file instead of failing, and an output block's stack frames take the line
     * numbers the program prints now: the way to refresh the traces after an edit
     * ({@code ./mvnw test -Ddocs.update=true}, then read the diff before committing).
     */
    public static final String UPDATE = "docs.update";

    /**
     * The shown text with each frame's line number taken from the same frame, in the same order,
     * in what the program printed; everything else, the lambda numbers included, left as shown.
     */
    static String withLineNumbersOf(String printed, String shown) {
        List<String> printedFrames = printed.lines().filter(line -> FRAME.matcher(line).find()).toList();
        int next = 0;
        List<String> lines = new ArrayList<>();
        for (String line : shown.split("\n", -1)) {
            Matcher frame = FRAME.matcher(line);
            if (frame.find()) {
                for (int i = next; i < printedFrames.size(); i++) {
                    if (withoutNumbers(printedFrames.get(i)).equals(withoutNumbers(line))) {
                        line = line.replaceFirst(":\\d+\\)", printedFrames.get(i).replaceFirst("^.*(:\\d+\\)).*$", "$1"));
                        next = i + 1;
                        break;
                    }
                }
            }
            lines.add(line);
        }
        return String.join("\n", lines);
    }

    private static String withoutNumbers(String frame) {
        return frame.strip().replaceAll("\\$\\d+\\b", "\\$#").replaceAll(":\\d+\\)", ":#)");
    }

    private static void rewrite(Block block, String text) {
        List<String> lines = new ArrayList<>(read(block.file()));
        int fence = block.line(); // the marker is on line block.line(), 1-based; the fence follows it
        int end = fence + 1;
        while (!lines.get(end).startsWith("```")) {
            end++;
        }
        lines.subList(fence + 1, end).clear();
        lines.addAll(fence + 1, List.of(text.split("\n", -1)));
        try {
            Files.write(block.file(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stack frames without what another JDK changes: the line numbers of the JDK's own frames and
     * javac's lambda numbers ({@code lambda$read$#(HttpRequest.java:71)}). The project's line numbers stay.
     */
    static String maskFrames(String text) {
        Matcher frame = FRAME.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (frame.find()) {
            boolean theJdks = frame.group(1) != null || !ProjectSources.NAMES.contains(frame.group(2));
            frame.appendReplacement(masked, Matcher.quoteReplacement(
                    theJdks ? frame.group().replaceFirst(":\\d+\\)$", ":#)") : frame.group()));
        }
        frame.appendTail(masked);
        return masked.toString().replaceAll("(lambda\\$[\\w$]*?)\\$\\d+\\b", "$1\\$#");
    }

    /**
     * A frame as a stack trace prints it ({@code java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:161)})
     * or as JShell does ({@code Generator.step (Generator.java:157)}): group 1 its module, if any; group 2 its file.
     */
    private static final Pattern FRAME = Pattern.compile("(\\b[\\w.]+/)?[\\w$.]+ ?\\((\\w+\\.java):\\d+\\)");

    /** The names of the project's Java files: a frame in one of them is the project's, any other the JDK's. */
    private static final class ProjectSources {
        static final Set<String> NAMES = find();

        private ProjectSources() {
        }

        private static Set<String> find() {
            Path root = Path.of("").toAbsolutePath();
            while (root != null && !Files.exists(root.resolve("mvnw"))) {
                root = root.getParent();
            }
            if (root == null) {
                throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath() + ": the doc checks run inside the project");
            }
            try (var paths = Files.walk(root)) {
                return paths.filter(path -> path.toString().endsWith(".java"))
                        .filter(path -> !path.toString().contains("/target/"))
                        .map(path -> path.getFileName().toString())
                        .collect(Collectors.toSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a reader types: the text after each {@code jshell> } and {@code ...> } prompt. */
    static String inputsOf(String transcript) {
        StringBuilder inputs = new StringBuilder();
        for (String line : transcript.split("\n", -1)) {
            if (line.startsWith("jshell> ")) {
                inputs.append(line.substring("jshell> ".length())).append('\n');
            } else if (line.matches("^ *\\.\\.\\.> .*")) {
                inputs.append(line.substring(line.indexOf("...> ") + "...> ".length())).append('\n');
            }
        }
        return inputs.toString();
    }

    /** The session as a terminal shows it, from the first prompt to the last output. */
    static String runJShell(String inputs, Path startupScript) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try {
            JavaShellToolBuilder.builder()
                    .in(new ByteArrayInputStream(inputs.getBytes(StandardCharsets.UTF_8)), null)
                    .out(out).err(out)
                    .start("--class-path", System.getProperty("java.class.path"),
                            "--startup", "DEFAULT", "--startup", startupScript.toString(),
                            "--feedback", "normal");
        } catch (Exception e) {
            throw new IllegalStateException("the JShell tool could not run " + startupScript, e);
        }
        // The tool echoes each input line ending in CR LF where its own output ends in LF.
        String session = buffer.toString(StandardCharsets.UTF_8).replace("\r", "");
        // What the startup script prints comes before the first prompt; the tool ends on a bare prompt.
        int first = session.indexOf("jshell> ");
        assertThat(first).as("JShell printed no prompt:%n%s", session).isNotNegative();
        session = session.substring(first).stripTrailing();
        if (session.endsWith("jshell>")) {
            session = session.substring(0, session.length() - "jshell>".length());
        }
        return session;
    }

    /** The lines of an output, with what differs from run to run masked. */
    private static final Pattern READ_LINE = Pattern.compile("^recv \\S+ body success$");

    /**
     * The lines with each "recv HOST body success" kept once: how many reads a host's answer takes
     * is the network's and the scheduler's doing (on a loaded machine its two parts can arrive in one
     * read, or one part in two), so only that the host's reads were printed is compared.
     */
    static List<String> onePerRead(List<String> lines) {
        Set<String> readsSeen = new HashSet<>();
        return lines.stream().filter(line -> !READ_LINE.matcher(line).matches() || readsSeen.add(line)).toList();
    }

    static List<String> masked(String output) {
        return Arrays.stream(output.strip().split("\r?\n"))
                .map(String::stripTrailing)
                .map(DocChecks::maskLine)
                .collect(Collectors.toList());
    }

    private static final Pattern LANE = Pattern.compile("^(\\S+)( {2,}[cCsrEx+ -]*)$");

    static String maskLine(String line) {
        if (line.startsWith("|")) {
            // A table of measurements: its numbers and so its column widths change from run to
            // run; its rows, columns and words must not.
            line = line.replaceAll("\\d+(-\\d+)?", "#").replaceAll(" {2,}", " ").replaceAll("-{2,}", "--");
        }
        Matcher lane = LANE.matcher(line);
        if (lane.matches() && lane.group(2).strip().matches("[cCsrEx+-]+")) {
            String marks = lane.group(2).strip();
            return lane.group(1) + " [lane ending " + marks.charAt(marks.length() - 1) + "]";
        }
        if (line.startsWith("timeline: ")) {
            // Whether a column holds more marks than it shows is the timing's doing, as a lane's shape is.
            line = line.replace(", + more events in that column", "");
        }
        return maskFrames(line)
                .replaceAll("\\d+(\\.\\d+)? ms\\b", "# ms")
                .replaceAll("\\d+ %", "# %") // a share of two durations, as the tour's closing sentences give
                .replaceAll("(\\d{1,3}(\\.\\d{1,3}){3}|localhost|]):\\d{1,5}\\b", "$1:#")
                .replaceAll("\\d[\\d,]* polls\\b", "# polls")
                .replaceAll("\\d+ (times|callbacks)\\b", "# $1");
    }

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");

    /**
     * Every relative link in every Markdown file under {@code root} points at a file that exists,
     * and every {@code #anchor} at a heading of the file it names (GitHub's way of making anchors).
     *
     * @return how many links were checked
     */
    public static int assertLinksResolve(Path root) throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : markdownFiles(root)) {
            String text = String.join("\n", read(file)).replaceAll("(?s)```.*?```", "");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto: are not this check's business
                }
                checked++;
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(linked)) {
                    broken.add(root.relativize(file) + ": " + target + " (no such file)");
                } else if (anchor != null && !anchorsOf(linked).contains(anchor)) {
                    broken.add(root.relativize(file) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        return checked;
    }

    /**
     * Every page of the English edition has its Chinese twin ({@code README.md} and
     * {@code README.zh.md} at the root, {@code docs/X.md} and {@code docs/zh/X.md}), and the other
     * way round; each links to its twin in its first lines; and the two show the same checked
     * blocks (markers and text) and the same sections (the level of each heading, in order), so
     * that neither edition can drift from the other without the build saying where.
     *
     * @return how many pairs of twins were compared
     */
    public static int assertTwinsInStep(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path[]> twins = new ArrayList<>();
        twins.add(new Path[] {root.resolve("README.md"), root.resolve("README.zh.md")});
        Path docs = root.resolve("docs");
        Path zh = docs.resolve("zh");
        for (Path english : pagesIn(docs)) {
            twins.add(new Path[] {english, zh.resolve(english.getFileName())});
        }
        for (Path chinese : pagesIn(zh)) {
            Path english = docs.resolve(chinese.getFileName());
            if (!Files.exists(english)) {
                problems.add(root.relativize(chinese) + " has no English twin: write " + root.relativize(english)
                        + ", or remove the page");
            }
        }
        for (Path[] pair : twins) {
            Path english = pair[0];
            Path chinese = pair[1];
            if (!Files.exists(english)) {
                continue;
            }
            if (!Files.exists(chinese)) {
                problems.add(root.relativize(english) + " has no Chinese twin: write " + root.relativize(chinese));
                continue;
            }
            problems.addAll(twinProblems(root, english, chinese));
        }
        assertThat(problems).as("pages out of step with their twins").isEmpty();
        return twins.size();
    }

    private static List<Path> pagesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var paths = Files.list(dir)) {
            return paths.filter(path -> path.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** How two twins differ: a missing link at the top, other checked blocks, other sections. */
    static List<String> twinProblems(Path root, Path english, Path chinese) {
        List<String> problems = new ArrayList<>();
        for (Path[] page : new Path[][] {{english, chinese}, {chinese, english}}) {
            if (!linksAtTheTopTo(page[0], page[1])) {
                problems.add(root.relativize(page[0]) + " does not link to its twin " + root.relativize(page[1])
                        + " in its first " + TOP_LINES + " lines (English | 中文)");
            }
        }
        List<Block> englishBlocks = checkedBlocks(english);
        List<Block> chineseBlocks = checkedBlocks(chinese);
        for (int i = 0; i < Math.max(englishBlocks.size(), chineseBlocks.size()); i++) {
            Block one = i < englishBlocks.size() ? englishBlocks.get(i) : null;
            Block other = i < chineseBlocks.size() ? chineseBlocks.get(i) : null;
            if (one == null || other == null) {
                problems.add("checked block " + (i + 1) + " is only in " + where(root, one == null ? other : one)
                        + "; copy it to the twin at the same place");
            } else if (!one.kind().equals(other.kind()) || !one.stage().equals(other.stage())
                    || !one.args().equals(other.args()) || !one.text().equals(other.text())) {
                problems.add("checked block " + (i + 1) + " differs: " + where(root, one) + " and " + where(root, other)
                        + "; the two editions must show the same marker and the same text");
            }
        }
        List<Integer> englishSections = headingLevels(english);
        List<Integer> chineseSections = headingLevels(chinese);
        if (!englishSections.equals(chineseSections)) {
            problems.add(root.relativize(english) + " and " + root.relativize(chinese)
                    + " have different sections (heading levels in order): " + englishSections + " and " + chineseSections);
        }
        return problems;
    }

    private static final int TOP_LINES = 5;

    private static String where(Path root, Block block) {
        return root.relativize(block.file()) + ":" + block.line() + " (" + block.kind() + ": " + (block.stage() + " " + block.args()).strip() + ")";
    }

    private static boolean linksAtTheTopTo(Path page, Path twin) {
        List<String> lines = read(page);
        Matcher link = LINK.matcher(String.join("\n", lines.subList(0, Math.min(TOP_LINES, lines.size()))));
        while (link.find()) {
            String target = link.group(1).replaceFirst("#.*", "");
            if (!target.isEmpty() && page.getParent().resolve(target).normalize().equals(twin.normalize())) {
                return true;
            }
        }
        return false;
    }

    /** The level of each heading of a Markdown file, in order, outside fenced blocks. */
    static List<Integer> headingLevels(Path file) {
        String text = String.join("\n", read(file)).replaceAll("(?s)```.*?```", "");
        return text.lines().filter(line -> line.matches("^#{1,6} .*"))
                .map(line -> line.indexOf(' '))
                .toList();
    }

    /** The Markdown files of the project, outside build output. */
    public static List<Path> markdownFiles(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> root.relativize(path).toString().split("[/\\\\]")[0].matches("[^.].*"))
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().contains("node_modules"))
                    .sorted().toList();
        }
    }

    /** The anchors GitHub makes for a Markdown file's headings. */
    static List<String> anchorsOf(Path file) {
        if (!file.toString().endsWith(".md")) {
            return List.of();
        }
        String text = String.join("\n", read(file)).replaceAll("(?s)```.*?```", "");
        return text.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", ""))
                .map(DocChecks::anchor)
                .toList();
    }

    static String anchor(String heading) {
        return heading.strip().toLowerCase()
                .replaceAll("[`*]", "")
                .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
