package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hand-in's archive: opened into its folder, or refused whole, and never written outside. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArchivesTest {

    @TempDir
    Path space;

    private Path grading;
    private Path into;

    @BeforeEach
    void a_grading_directory_inside_a_wider_one() throws IOException {
        grading = Files.createDirectories(space.resolve("grading"));
        into = grading.resolve("alice");
    }

    /** One entry of a test archive: a file with content, or a link to {@code content}. */
    record Entry(String name, String content, boolean link) {
        static Entry file(String name, String content) {
            return new Entry(name, content, false);
        }

        static Entry link(String name, String target) {
            return new Entry(name, target, true);
        }
    }

    abstract class Format {
        abstract Path archive(Entry... entries) throws IOException;

        /** An archive of one small file and one of {@code bytes} zeros: a few hundred KB that unpack to far more. */
        abstract Path bomb(long bytes) throws IOException;

        @Test
        void refuses_an_archive_that_unpacks_to_more_than_200_mb_counting_what_it_really_writes() throws IOException {
            Path archive = bomb(Archives.MAX_BYTES + 1);
            assertThat(Files.size(archive)).isLessThan(Archives.MAX_BYTES / 100);

            assertThatThrownBy(() -> Archives.extract(archive, into)).isInstanceOf(Archives.Refused.class)
                    .hasMessageContaining("more than 200 MB");
            assertNothingWritten();
        }

        @Test
        void writes_every_file_into_its_folder() throws IOException {
            Archives.extract(archive(Entry.file("copy/README.md", "# hi"), Entry.file("copy/a/b.txt", "b")), into);

            assertThat(into.resolve("copy/README.md")).hasContent("# hi");
            assertThat(into.resolve("copy/a/b.txt")).hasContent("b");
        }

        @Test
        void refuses_a_path_with_dot_dot_and_writes_nothing() throws IOException {
            Path archive = archive(Entry.file("copy/README.md", "# hi"), Entry.file("../x", "outside"));

            assertThatThrownBy(() -> Archives.extract(archive, into)).isInstanceOf(Archives.Refused.class)
                    .hasMessageContaining("../x");
            assertNothingWritten();
        }

        @Test
        void refuses_an_absolute_path() throws IOException {
            Path archive = archive(Entry.file("/abs/x", "outside"));

            assertThatThrownBy(() -> Archives.extract(archive, into)).isInstanceOf(Archives.Refused.class)
                    .hasMessageContaining("/abs/x");
            assertNothingWritten();
        }

        @Test
        void refuses_a_link() throws IOException {
            Path archive = archive(Entry.file("copy/README.md", "# hi"), Entry.link("copy/escape", "/etc"));

            assertThatThrownBy(() -> Archives.extract(archive, into)).isInstanceOf(Archives.Refused.class)
                    .hasMessageContaining("copy/escape");
            assertNothingWritten();
        }

        @Test
        void says_an_archive_that_is_not_one_will_not_open() throws IOException {
            Path archive = archive(Entry.file("copy/README.md", "# hi"));
            byte[] bytes = Files.readAllBytes(archive);
            Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // cut short, as a broken upload is

            assertThatThrownBy(() -> Archives.extract(archive, into)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(Archives.Refused.class);
            assertNothingWritten();
        }
    }

    @Nested
    class Zip extends Format {
        @Override
        Path archive(Entry... entries) throws IOException {
            Path archive = space.resolve("hand-in.zip");
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
                for (Entry entry : entries) {
                    ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                    if (entry.link()) {
                        zipEntry.setUnixMode(0120777);
                    }
                    zip.putArchiveEntry(zipEntry);
                    zip.write(entry.content().getBytes(StandardCharsets.UTF_8));
                    zip.closeArchiveEntry();
                }
            }
            return archive;
        }

        @Override
        Path bomb(long bytes) throws IOException {
            Path archive = space.resolve("bomb.zip");
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
                zip.putArchiveEntry(new ZipArchiveEntry("copy/README.md"));
                zip.write("# hi".getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
                zip.putArchiveEntry(new ZipArchiveEntry("copy/zeros"));
                writeZeros(zip, bytes);
                zip.closeArchiveEntry();
            }
            return archive;
        }
    }

    @Nested
    class TarGz extends Format {
        @Override
        Path archive(Entry... entries) throws IOException {
            Path archive = space.resolve("hand-in.tar.gz");
            try (OutputStream file = Files.newOutputStream(archive);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
                for (Entry entry : entries) {
                    byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
                    // A name the library would itself refuse to write ("../x", "/abs") is given as the raw header holds it.
                    TarArchiveEntry tarEntry = entry.link() ? new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK)
                            : new TarArchiveEntry(entry.name(), true);
                    if (entry.link()) {
                        tarEntry.setLinkName(entry.content());
                    } else {
                        tarEntry.setSize(content.length);
                    }
                    tar.putArchiveEntry(tarEntry);
                    if (!entry.link()) {
                        tar.write(content);
                    }
                    tar.closeArchiveEntry();
                }
            }
            return archive;
        }

        @Override
        Path bomb(long bytes) throws IOException {
            Path archive = space.resolve("bomb.tar.gz");
            try (OutputStream file = Files.newOutputStream(archive);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
                byte[] readme = "# hi".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry first = new TarArchiveEntry("copy/README.md");
                first.setSize(readme.length);
                tar.putArchiveEntry(first);
                tar.write(readme);
                tar.closeArchiveEntry();
                TarArchiveEntry zeros = new TarArchiveEntry("copy/zeros");
                zeros.setSize(bytes);
                tar.putArchiveEntry(zeros);
                writeZeros(tar, bytes);
                tar.closeArchiveEntry();
            }
            return archive;
        }
    }

    @Test
    void knows_a_hand_in_by_its_name_and_names_the_student_without_the_extension() {
        assertThat(Archives.isArchive(Path.of("alice.zip"))).isTrue();
        assertThat(Archives.isArchive(Path.of("bob.TAR.GZ"))).isTrue();
        assertThat(Archives.isArchive(Path.of("carol.tgz"))).isTrue();
        assertThat(Archives.isArchive(Path.of("notes.txt"))).isFalse();
        assertThat(List.of(Archives.baseName(Path.of("bob.tar.gz")), Archives.baseName(Path.of("carol.tgz"))))
                .containsExactly("bob", "carol");
    }

    private static void writeZeros(OutputStream out, long bytes) throws IOException {
        byte[] zeros = new byte[1024 * 1024];
        for (long left = bytes; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    private void assertNothingWritten() throws IOException {
        assertThat(into).doesNotExist();
        try (Stream<Path> everything = Files.walk(space)) {
            assertThat(everything.map(p -> p.getFileName().toString())).doesNotContain("x", "escape", "README.md", "zeros");
        }
    }
}
