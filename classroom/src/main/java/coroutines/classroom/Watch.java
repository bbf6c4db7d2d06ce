package coroutines.classroom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./run watch}, rustlings' habit: shows the first exercise not done, checks it again each
 * time a file of the copy is saved, gives the next hint on request, and moves on when it passes.
 * File events come from the JDK's WatchService; where they may not arrive (a network drive,
 * Windows' drives under WSL, or a JDK that polls anyway) it looks at the files twice a second.
 */
final class Watch {

    /** What the loop waits for: a saved file, a line typed, or the end of the input. */
    private sealed interface Signal permits Saved, Typed, InputEnded {
    }

    private record Saved(Path file) implements Signal {
    }

    private record Typed(String line) implements Signal {
    }

    private record InputEnded() implements Signal {
    }

    /** File systems whose changes may not reach a watcher on this machine: network drives, and WSL's view of Windows' drives. */
    private static final Set<String> NO_EVENTS = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "9p", "v9fs",
            "drvfs", "fuse.sshfs", "sshfs", "vboxsf", "fuse.vmhgfs-fuse", "prl_fs");
    /** Build output, version control, the classroom's own notes, editors' folders: saving those checks nothing. */
    private static final Set<String> IGNORED_DIRECTORIES = Set.of("target", ".git", ".classroom", ".idea", ".vscode",
            ".settings", "node_modules", ".mvn");
    private static final long POLL_MILLIS = 500;
    /** An editor's save can be several writes: wait until the files are quiet this long before checking. */
    private static final long QUIET_MILLIS = 150;

    private final Path root;
    private final Catalogue catalogue;
    private final PrintWriter out;
    private final Lang lang;
    private final Messages say;
    private final Function<List<Catalogue.Exercise>, Map<String, Checker.Result>> check;
    /** Gets ready to check the exercise that has just become the current one (a spare JVM, a warm compiler). */
    private final java.util.function.Consumer<Catalogue.Exercise> prepare;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private Catalogue.Exercise current;

    Watch(Path root, Catalogue catalogue, PrintWriter out, Lang lang,
          Function<List<Catalogue.Exercise>, Map<String, Checker.Result>> check) {
        this(root, catalogue, out, lang, check, exercise -> { });
    }

    Watch(Path root, Catalogue catalogue, PrintWriter out, Lang lang,
          Function<List<Catalogue.Exercise>, Map<String, Checker.Result>> check,
          java.util.function.Consumer<Catalogue.Exercise> prepare) {
        this.prepare = prepare;
        this.root = root;
        this.lang = lang;
        this.say = Messages.of(lang);
        this.catalogue = catalogue;
        this.out = out;
        this.check = check;
    }

    /** Why the files must be polled here, or null when file events serve. */
    static String pollingReason(Path root, boolean forced, Lang lang) throws IOException {
        Messages say = Messages.of(lang);
        if (forced) {
            return say.text("watch.poll.forced");
        }
        String type = Files.getFileStore(root).type();
        if (NO_EVENTS.contains(type)) {
            return say.text("watch.poll.fileSystem", type);
        }
        try (WatchService service = root.getFileSystem().newWatchService()) {
            if (service.getClass().getName().contains("Polling")) {
                return say.text("watch.poll.jdk");
            }
        }
        return null;
    }

    /** Watches until "q", Ctrl-C, or the end of the input once nothing more can be asked; 0 when every exercise is done. */
    int run(InputStream input, String pollingReason) throws IOException, InterruptedException {
        Thread watcher = pollingReason == null ? startEvents() : startPolling();
        out.println(pollingReason == null ? say.text("watch.events", root) : say.text("watch.polling", root, POLL_MILLIS, pollingReason));
        startReading(input);
        out.println(say.text("watch.finding"));
        Map<String, Checker.Result> results = check.apply(catalogue.exercises());
        Checker.Result first = firstNotDone(results, 0);
        if (first == null) {
            out.println(say.text("watch.allDone"));
            watcher.interrupt();
            return 0;
        }
        show(first);
        boolean inputOpen = true;
        while (true) {
            printKeys(inputOpen);
            Signal signal = signals.take();
            if (signal instanceof InputEnded) {
                inputOpen = false; // no keyboard (a pipe that ended): saves still check, Ctrl-C ends it
                continue;
            }
            if (signal instanceof Typed typed) {
                String key = typed.line().strip().toLowerCase();
                if (key.equals("q")) {
                    out.println(say.text("watch.stopped"));
                    watcher.interrupt();
                    return 1;
                } else if (key.equals("h")) {
                    hint();
                    continue;
                } else if (!key.isEmpty() && !key.equals("c")) {
                    out.println(say.text("watch.unknownKey", typed.line().strip()));
                    continue;
                }
                out.println();
                out.println(say.text("watch.again", now(), current.id()));
            } else {
                Path saved = ((Saved) signal).file();
                quiet(); // the rest of this save, and of the editor's others
                out.println();
                out.println(say.text("watch.saved", now(), root.relativize(saved), current.id()));
            }
            Checker.Result result = check.apply(List.of(current)).get(current.id());
            out.println(Verdicts.of(result, catalogue, lang));
            if (result.state() == Checker.State.DONE) {
                Checker.Result next = moveOn();
                if (next == null) {
                    out.println(say.text("watch.finished"));
                    watcher.interrupt();
                    return 0;
                }
                show(next);
            }
        }
    }

    /** After an exercise passes: the next one not done, checking those already started on the way. */
    private Checker.Result moveOn() {
        List<Catalogue.Exercise> all = catalogue.exercises();
        for (int i = all.indexOf(current) + 1; i < all.size(); i++) {
            Checker.Result result = check.apply(List.of(all.get(i))).get(all.get(i).id());
            if (result.state() != Checker.State.DONE && result.state() != Checker.State.NEEDS_NEWER_JDK) {
                return result;
            }
            out.println(say.text("watch.doneAlready", all.get(i).id()));
        }
        return null;
    }

    private Checker.Result firstNotDone(Map<String, Checker.Result> results, int from) {
        return results.values().stream().skip(from)
                .filter(r -> r.state() != Checker.State.DONE && r.state() != Checker.State.NEEDS_NEWER_JDK)
                .findFirst().orElse(null);
    }

    private void show(Checker.Result result) {
        current = result.exercise();
        out.println();
        out.println(say.text("check.heading", current.id(), current.title(lang), current.module()));
        out.println(Verdicts.of(result, catalogue, lang));
        out.println(say.text("watch.saveToCheck"));
        Catalogue.Exercise next = current;
        Thread ready = new Thread(() -> prepare.accept(next), "watch-prepare");
        ready.setDaemon(true);
        ready.start();
    }

    private void printKeys(boolean inputOpen) {
        if (inputOpen) {
            out.println(say.text("watch.keys"));
        }
    }

    private void hint() throws IOException {
        List<String> hints = current.hints(lang);
        int shown = Integer.parseInt(Classroom.HintCommand.seen(root).getProperty(current.id(), "0"));
        int next = Math.min(shown + 1, hints.size());
        // Remembered before it is printed: whoever reads the hint can count on ./run hint knowing it.
        Classroom.HintCommand.remember(root, current.id(), next);
        out.println(say.text("hint.line", next, hints.size(), current.id(), hints.get(next - 1)));
        if (next == hints.size()) {
            out.println(say.text("hint.last", current.article(lang)));
        }
    }

    /** Waits until no file has been saved for a moment, dropping the saves of the same burst. */
    private void quiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            Signal more = signals.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
            if (more == null) {
                return;
            }
            if (!(more instanceof Saved)) {
                signals.add(more); // a key typed meanwhile is answered after the check
                return;
            }
        }
    }

    private void startReading(InputStream input) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    signals.add(new Typed(line));
                }
            } catch (IOException e) {
                // the input closed under us: the same as its end
            }
            signals.add(new InputEnded());
        }, "watch-keys");
        reader.setDaemon(true);
        reader.start();
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            if (IGNORED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        String name = relative.getFileName() == null ? "" : relative.getFileName().toString();
        // Editors' swap, lock and backup files are not saves of the copy.
        return name.startsWith(".#") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx")
                || name.endsWith(".tmp") || name.startsWith("#");
    }

    private Thread startEvents() throws IOException {
        WatchService service = root.getFileSystem().newWatchService();
        Map<WatchKey, Path> directories = new HashMap<>();
        registerTree(root, service, directories);
        // An event is a save only if the file's time or size changed: a chmod or a mere read is not.
        Map<Path, String> seen = snapshot();
        Thread thread = new Thread(() -> {
            try (service) {
                while (!Thread.currentThread().isInterrupted()) {
                    WatchKey key = service.take();
                    Path directory = directories.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (directory == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            signals.add(new Saved(root));
                            continue;
                        }
                        Path changed = directory.resolve((Path) event.context());
                        if (ignored(root.relativize(changed))) {
                            continue;
                        }
                        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                            registerTree(changed, service, directories);
                        } else if (!Files.isDirectory(changed)) {
                            String now = stamp(changed);
                            if (!java.util.Objects.equals(now, seen.get(changed))) {
                                seen.put(changed, now);
                                signals.add(new Saved(changed));
                            }
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                // stopping
            } catch (IOException e) {
                signals.add(new Typed("")); // cannot watch further: check once more, then only keys work
            }
        }, "watch-files");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void registerTree(Path start, WatchService service, Map<WatchKey, Path> directories) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && ignored(root.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Thread startPolling() throws IOException {
        Map<Path, String> before = snapshot();
        Thread thread = new Thread(() -> {
            Map<Path, String> last = before;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(POLL_MILLIS);
                    Map<Path, String> now = snapshot();
                    for (Map.Entry<Path, String> file : now.entrySet()) {
                        if (!file.getValue().equals(last.get(file.getKey()))) {
                            signals.add(new Saved(file.getKey()));
                        }
                    }
                    for (Path gone : last.keySet()) {
                        if (!now.containsKey(gone)) {
                            signals.add(new Saved(gone));
                        }
                    }
                    last = now;
                }
            } catch (InterruptedException e) {
                // stopping
            } catch (IOException e) {
                signals.add(new Typed(""));
            }
        }, "watch-poll");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A file's time and size, or null if it is gone. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + " " + attributes.size();
        } catch (IOException gone) {
            return null;
        }
    }

    /** Every file of the copy a save can touch, with its time and size. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && ignored(root.relativize(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!ignored(root.relativize(file))) {
                    files.put(file, attrs.lastModifiedTime().toMillis() + " " + attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // deleted while we looked: the next look sees it gone
            }
        });
        return files;
    }

    private static String now() {
        return LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }
}
