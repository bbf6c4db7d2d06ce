package coroutines.classroom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Opens a student's hand-in, a {@code .zip} or a {@code .tar.gz} ({@code .tgz}), into a folder of
 * the grading directory, and refuses the whole archive rather than write anywhere else: an entry
 * with an absolute path or a {@code ..}, a link of any kind (it could point out later), a device,
 * or more bytes or entries than a hand-in of this repository could hold (a zip bomb).
 * Commons Compress reads both formats: for a zip it is also what sees a Unix link, which
 * {@code java.util.zip} would write as a plain file.
 */
final class Archives {

    /** More than this, uncompressed, is not a copy of this repository (a few MB) but a mistake or a bomb. */
    static final long MAX_BYTES = 200L * 1024 * 1024;

    /** The same for the number of entries (the repository has about 500 files). */
    static final int MAX_ENTRIES = 50_000;

    /** The archive was not opened: what it holds is not safe to write, or too big. Nothing of it is left. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private Archives() {
    }

    /** Whether a file's name says it is a hand-in archive this class opens. */
    static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /** The archive's name without its extension: the student's name. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : new String[] {".tar.gz", ".tgz", ".zip"}) {
            if (lower.endsWith(extension)) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }

    /**
     * Writes the archive's files into {@code into}, a new directory. On a refusal or an archive that
     * will not open, whatever was written is deleted and the exception says why.
     *
     * @throws Refused     the archive holds an entry that must not be written, or too much
     * @throws IOException the archive is not one (corrupt, truncated, another format)
     */
    static void extract(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toRealPath();
        try {
            String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip")) {
                extractZip(archive, root);
            } else {
                extractTarGz(archive, root);
            }
        } catch (IOException | RuntimeException e) {
            Proof.deleteTree(root);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static void extractZip(Path archive, Path root) throws IOException {
        Budget budget = new Budget();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                budget.entry();
                Path target = inside(root, entry.getName());
                if (entry.isUnixSymlink()) {
                    throw new Refused("it holds a link, " + entry.getName() + ", which could point outside it");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    write(in, target, budget);
                }
            }
        }
    }

    private static void extractTarGz(Path archive, Path root) throws IOException {
        Budget budget = new Budget();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                budget.entry();
                Path target = inside(root, entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new Refused("it holds a link, " + entry.getName() + " -> " + entry.getLinkName()
                            + ", which could point outside it");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new Refused("it holds a device or a pipe, " + entry.getName() + ", which no copy has");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    write(tar, target, budget);
                }
            }
        }
    }

    /** Where an entry goes under {@code root}; an absolute path or a {@code ..} refuses the archive. */
    static Path inside(Path root, String entryName) throws Refused {
        String name = entryName.replace('\\', '/');
        if (name.indexOf('\0') >= 0) {
            throw new Refused("an entry's name holds a NUL character");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new Refused("it holds an absolute path, " + entryName + ", which would be written outside it");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new Refused("it holds a path with '..', " + entryName + ", which would be written outside it");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new Refused("its entry " + entryName + " would be written outside it");
        }
        return target;
    }

    private static void write(InputStream in, Path target, Budget budget) throws IOException {
        Files.createDirectories(target.getParent());
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                budget.bytes(read);
                out.write(buffer, 0, read);
            }
        }
    }

    /** Counts what was really written, not what the headers claim. */
    private static final class Budget {
        private long bytes;
        private int entries;

        void entry() throws Refused {
            if (++entries > MAX_ENTRIES) {
                throw new Refused("it holds more than " + MAX_ENTRIES + " entries, far more than a copy of this repository");
            }
        }

        void bytes(int more) throws Refused {
            bytes += more;
            if (bytes > MAX_BYTES) {
                throw new Refused("it unpacks to more than " + MAX_BYTES / (1024 * 1024)
                        + " MB, far more than a copy of this repository");
            }
        }
    }
}
