package coroutines.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Starts a stage the way a Java user would: {@code java} in a JVM of its own, with the stage's class
 * path and the flags it needs, and on JDK 25 or newer the JDK's AOT cache (JEP 483, 514, 515) where
 * a training run made one. {@code ./run N}, {@code ./run aot}, the tour and the scale benchmark all
 * build their command here, so that they start a stage alike.
 *
 * <p>An AOT cache holds classes from JAR files only, so a class directory is packed into a JAR first,
 * rewritten only when its classes change: the JVM checks each JAR's time and size against the cache.
 */
public final class StageJvm {

    /** The first JDK whose {@code -XX:AOTCacheOutput} makes a cache in one run (JEP 514). */
    public static final int FIRST_AOT_JDK = 25;
    /** Where the JVM's AOT messages go (a file), so that the stage can say in one line why a cache was not used. */
    static final String AOT_LOG_PROPERTY = "coroutines.aot.log";
    /** The cache the JVM was asked to use, named in that line. */
    static final String AOT_CACHE_PROPERTY = "coroutines.aot.cache";
    /** What makes the client's cache again, named in that line: ./run aot for ./run N, the benchmark for its own. */
    static final String AOT_REMEDY_PROPERTY = "coroutines.aot.remedy";
    /** As .mvn/jvm.config gives Maven: stages 4 and 5 then pause on the JDK's own continuation (JDK 21+). */
    static final String CONTINUATION_EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    // Fixed, so that the same classes always make the same bytes and an unchanged JAR keeps its time.
    private static final FileTime JAR_ENTRY_TIME = FileTime.fromMillis(315_964_800_000L); // 1980-01-06

    /** What to do with the client's AOT cache. */
    public enum Cache {
        /** Start cold, as a JVM with no cache starts. */
        NONE,
        /** Use the client's cache if there is one (JDK 25+), else start cold. */
        USE,
        /** Record this run and make the client's cache from it (JDK 25+): the training run. */
        TRAIN
    }

    private final Path root;

    /** A launcher whose JARs, caches and logs go under {@code root/target/jvm}. */
    public StageJvm(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repository the command runs in: {@code -Dcoroutines.root}, else the working directory. */
    public static StageJvm here() {
        return new StageJvm(Path.of(System.getProperty("coroutines.root", ".")));
    }

    /**
     * For {@code ./run}: {@code StageJvm none|use|train CLIENT MAIN-CLASS [ARGS...]} prints the command
     * that starts MAIN-CLASS on this JVM's own class path, each word ended by a NUL, for the script to exec.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: StageJvm none|use|train CLIENT MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        Cache cache = Cache.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        List<String> command = here().command(args[1], cache, ownClassPath(), List.of(), args[2],
                Arrays.asList(args).subList(3, args.length));
        StringBuilder words = new StringBuilder();
        command.forEach(word -> words.append(word).append('\0'));
        System.out.print(words);
        System.out.flush();
    }

    /** True on a JDK that can make and use an AOT cache in the way this class does. */
    public static boolean aotCacheSupported() {
        return Runtime.version().feature() >= FIRST_AOT_JDK;
    }

    /** This JVM's own class path, as a list. */
    public static List<Path> ownClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).map(Path::of).toList();
    }

    /**
     * The client's cache: one per client and JDK build, so that a cache made by another JDK is never
     * picked up, and under target, so that nothing it holds is committed.
     */
    public Path cacheFile(String client) {
        String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.]+", "_");
        return root.resolve("target/jvm/aot").resolve(client + "-jdk" + jdk + ".aot");
    }

    private Path logFile(String client) {
        return root.resolve("target/jvm/aot").resolve(client + ".log");
    }

    /**
     * The whole command: this JDK's {@code java}, the continuation export, the cache as asked (where
     * this JDK has one), the options, the class path, the main class and its arguments.
     */
    public List<String> command(String client, Cache cache, List<Path> classPath, List<String> jvmOptions,
                                String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), CONTINUATION_EXPORT));
        List<Path> path = classPath;
        Path cacheFile = cacheFile(client);
        boolean training = cache == Cache.TRAIN && aotCacheSupported();
        boolean using = cache == Cache.USE && aotCacheSupported() && Files.exists(cacheFile);
        if (training || using) {
            path = jars(classPath);
            Files.createDirectories(cacheFile.getParent());
            Path log = logFile(client);
            Files.deleteIfExists(log);
            // The JVM's own warnings (several lines each) go to a file; the stage turns them into one line.
            command.add("-Xlog:disable");
            command.add("-Xlog:all=warning:file=" + log + "::filecount=0");
            command.add("-D" + AOT_LOG_PROPERTY + "=" + log);
            command.add("-D" + AOT_CACHE_PROPERTY + "=" + root.relativize(cacheFile));
            command.add("-D" + AOT_REMEDY_PROPERTY + "=" + remedy(client));
            command.add(training ? "-XX:AOTCacheOutput=" + cacheFile : "-XX:AOTCache=" + cacheFile);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Who makes this client's cache: {@code ./run aot} those of {@code ./run N} (clients run-MODULE), the benchmark its own. */
    static String remedy(String client) {
        if (client.startsWith("run-stage")) {
            return "./run aot " + client.replaceFirst("^run-stage(\\d+).*", "$1") + " makes it again";
        }
        if (client.startsWith("scale-")) {
            return "the next ./run scale makes it again";
        }
        return "a new training run makes it again";
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The class path with each directory replaced by a JAR of its classes, under target/jvm/jars:
     * {@code stage3-selector-callbacks/target/classes} becomes {@code stage3-selector-callbacks.jar}.
     */
    public List<Path> jars(List<Path> classPath) throws IOException {
        Path jarDir = root.resolve("target/jvm/jars");
        Files.createDirectories(jarDir);
        List<Path> jars = new ArrayList<>();
        for (Path entry : classPath) {
            jars.add(Files.isDirectory(entry) ? packed(entry.toAbsolutePath().normalize(), jarDir) : entry);
        }
        return jars;
    }

    private static Path packed(Path classes, Path jarDir) throws IOException {
        Path target = classes.getParent();
        String kind = classes.getFileName().toString().equals("test-classes") ? "-tests" : "";
        String name = target != null && target.getFileName().toString().equals("target") && target.getParent() != null
                ? target.getParent().getFileName() + kind
                : "classes-" + Integer.toHexString(classes.toString().hashCode());
        Path jar = jarDir.resolve(name + ".jar");
        byte[] bytes = jarBytes(classes);
        if (Files.exists(jar) && Arrays.equals(Files.readAllBytes(jar), bytes)) {
            return jar; // unchanged: its time stays, and so does a cache made with it
        }
        Path written = jarDir.resolve(name + ".jar." + ProcessHandle.current().pid() + ".tmp");
        Files.write(written, bytes);
        Files.move(written, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static byte[] jarBytes(Path classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(classes.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(JAR_ENTRY_TIME);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Called first in a stage's JVM: if it was asked to use an AOT cache and the JVM could not, says
     * so in one line (the run goes on cold, as the JVM does); other JVM warnings are passed on as they are.
     */
    public static void sayIfTheCacheWasNotUsed(PrintStream err) {
        String log = System.getProperty(AOT_LOG_PROPERTY);
        if (log == null || !Files.exists(Path.of(log))) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(log), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return; // the run itself is what matters; the note is a courtesy
        }
        Optional<String> note = whyNotUsed(lines);
        note.ifPresent(reason -> err.println("(the AOT cache " + System.getProperty(AOT_CACHE_PROPERTY)
                + " was not used, so this JVM starts cold: " + reason + "; " + System.getProperty(AOT_REMEDY_PROPERTY,
                "a new training run makes it again") + ")"));
        lines.stream().filter(line -> !isAotLine(line)).map(StageJvm::withoutDecorations).forEach(err::println);
    }

    /** The first thing the JVM said about the cache, if it said it could not use it. */
    static Optional<String> whyNotUsed(List<String> logLines) {
        boolean failed = logLines.stream().anyMatch(line -> isAotLine(line) && line.contains("[error"));
        if (!failed) {
            return Optional.empty();
        }
        return logLines.stream().filter(StageJvm::isAotLine).map(StageJvm::withoutDecorations)
                .filter(line -> !line.startsWith("Skipping ")).findFirst();
    }

    private static boolean isAotLine(String line) {
        return line.matches("^(\\[[^]]*\\])*\\[(aot|cds)[^]]*\\].*");
    }

    /** "[0.02s][error  ][aot] Unable to map" is "Unable to map". */
    private static String withoutDecorations(String line) {
        return line.replaceFirst("^(\\[[^]]*\\]\\s*)+", "");
    }
}
