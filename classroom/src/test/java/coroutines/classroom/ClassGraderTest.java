package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who is in a class and what becomes of a hand-in that cannot be graded, on a small fixture whose
 * students left every exercise a stub: nothing needs a build, so this runs in a second.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClassGraderTest {

    @TempDir
    Path reference;

    @TempDir
    Path space;

    private Catalogue catalogue;
    private Path stubCopy;
    private final StringWriter printed = new StringWriter();

    @BeforeEach
    void a_reference_with_two_exercises_and_a_copy_of_it() throws IOException {
        Files.createDirectories(reference.resolve("classroom"));
        Files.write(reference.resolve(Catalogue.FILE), CatalogueTest.TWO_EXERCISES);
        Files.createDirectories(reference.resolve("stage1/src/main/java"));
        Files.write(reference.resolve("stage1/src/main/java/A.java"), List.of(
                "class A {",
                "    int read() {",
                "        // BEGIN SOLUTION 1.1",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.1 is not done yet: read it\");",
                "        return 1;",
                "        // END SOLUTION 1.1",
                "    }",
                "    int send() {",
                "        // BEGIN SOLUTION 1.2",
                "        // STUB throw new UnsupportedOperationException(\"exercise 1.2 is not done yet: send it\");",
                "        return 2;",
                "        // END SOLUTION 1.2",
                "    }",
                "}"));
        catalogue = Catalogue.read(reference);
        stubCopy = space.resolve("handed-out");
        new StudentCopy(reference, catalogue).write(stubCopy, Set.of("1.1", "1.2"));
    }

    @Test
    void each_folder_and_archive_is_a_student_and_a_bad_one_is_a_row_that_says_why() throws Exception {
        Path classDir = Files.createDirectories(space.resolve("class"));
        copy(stubCopy, classDir.resolve("alice"));
        zip(stubCopy, "submission/", classDir.resolve("alice.zip"));
        Files.writeString(Files.createDirectories(classDir.resolve("notes")).resolve("todo.txt"), "later");
        Files.write(classDir.resolve("broken.tar.gz"), new byte[] {1, 2, 3});
        Files.writeString(classDir.resolve("readme.txt"), "the class of 2026");

        List<ClassGrader.StudentGrade> rows = grade(classDir);

        assertThat(rows).extracting(ClassGrader.StudentGrade::name).containsExactly("alice", "alice-2", "broken", "notes");
        assertThat(rows.get(0).exercises()).extracting(e -> e.result().state())
                .containsExactly(Checker.State.NOT_STARTED, Checker.State.NOT_STARTED);
        assertThat(rows.get(1).exercises()).as("a zip that wraps the copy in one folder").extracting(e -> e.result().state())
                .containsExactly(Checker.State.NOT_STARTED, Checker.State.NOT_STARTED);
        assertThat(rows.get(1).ignored()).isEmpty();
        assertThat(rows.get(2).error()).contains("will not open");
        assertThat(rows.get(3).error()).contains("not a student copy");
        assertThat(rows).allSatisfy(row -> assertThat(row.points()).isZero());
        assertThat(printed.toString()).contains("skipped readme.txt");
        assertThat(space.resolve("grades/gradebook.csv")).isRegularFile();
        assertThat(space.resolve("grades/feedback/alice-2.md")).isRegularFile();
        try (Stream<Path> left = Files.list(space.resolve("work"))) {
            assertThat(left).as("the work directory after grading").isEmpty();
        }
    }

    @Test
    void one_students_copy_given_as_the_class_is_one_row() throws Exception {
        List<ClassGrader.StudentGrade> rows = grade(stubCopy);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("handed-out");
            assertThat(row.error()).isNull();
        });
    }

    @Test
    void an_unknown_exercise_or_a_class_with_no_student_is_refused_before_anything_is_written() throws IOException {
        Path empty = Files.createDirectories(space.resolve("empty"));

        assertThatThrownBy(() -> new ClassGrader(reference, catalogue, new PrintWriter(printed), 1, Lang.EN)
                .grade(stubCopy, List.of("9.9"), space.resolve("grades"), space.resolve("work")))
                .isInstanceOf(Catalogue.UnknownExercise.class);
        assertThatThrownBy(() -> grade(empty)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no student");
        assertThat(space.resolve("grades")).doesNotExist();
    }

    @Test
    void a_name_is_made_safe_as_a_file_name() {
        assertThat(ClassGrader.safeName("Zhang San (李四)")).isEqualTo("Zhang_San_李四_");
        assertThat(ClassGrader.safeName("..")).doesNotStartWith(".");
        assertThat(ClassGrader.safeName("a/b\\c")).doesNotContain("/", "\\");
    }

    @Test
    void graded_in_chinese_it_prints_and_writes_chinese() throws Exception {
        Path classDir = Files.createDirectories(space.resolve("class"));
        copy(stubCopy, classDir.resolve("alice"));
        Files.write(classDir.resolve("broken.zip"), new byte[] {1, 2, 3});
        Files.writeString(classDir.resolve("readme.txt"), "the class of 2026");

        List<ClassGrader.StudentGrade> rows = grade(classDir, Lang.ZH);

        assertThat(rows.get(0).exercises()).extracting(e -> e.result().detail()).allSatisfy(detail ->
                assertThat(detail).startsWith("它的代码仍然抛出桩"));
        assertThat(rows.get(1).error()).startsWith("压缩包打不开");
        assertThat(printed.toString()).contains("跳过 readme.txt").contains("给 " + classDir + " 里的 2 个学生评分")
                .contains("成绩册：").doesNotContain("Grading", "skipped", "Gradebook");
        assertThat(Files.readString(space.resolve("grades/feedback/alice.md")))
                .contains("| 1.1 读它 | 还没开始 | 0 / 3 |").contains("还没开始：它的代码仍然抛出桩");
    }

    @Test
    void a_missing_marker_is_said_in_the_grading_language() throws Exception {
        Path copy = space.resolve("alice");
        copy(stubCopy, copy);
        Path file = copy.resolve("stage1/src/main/java/A.java");
        Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.contains("END EXERCISE 1.2")).toList());

        List<ClassGrader.StudentGrade> rows = grade(copy, Lang.ZH);

        assertThat(rows.get(0).exercises().get(1).problem())
                .startsWith("stage1/src/main/java/A.java 里的标记不成对：它的 BEGIN EXERCISE 一行（第 ")
                .endsWith(" 行）后面没有 END EXERCISE 一行");
    }

    private List<ClassGrader.StudentGrade> grade(Path classDir) throws IOException, InterruptedException {
        return grade(classDir, Lang.EN);
    }

    private List<ClassGrader.StudentGrade> grade(Path classDir, Lang lang) throws IOException, InterruptedException {
        return new ClassGrader(reference, catalogue, new PrintWriter(printed, true), 1, lang)
                .grade(classDir, List.of(), space.resolve("grades"), space.resolve("work"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void zip(Path dir, String prefix, Path archive) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive)); Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(prefix + dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    @Test
    void tests_stopped_at_the_run_limit_are_marked_so_whichever_language_said_it() {
        Catalogue.Exercise first = catalogue.exercises().get(0);
        for (Lang lang : Lang.values()) {
            String said = Messages.of(lang).text("checker.didNotFinish", TestBench.RUN_LIMIT_SECONDS, Path.of("run.log"));
            Checker.Result stopped = new Checker.Result(first, Checker.State.CRASHED, 0, List.of(), said);
            assertThat(new ClassGrader.ExerciseGrade(first, stopped, null, 0, 10).stoppedAtBound()).as(lang.name()).isTrue();
        }
        Checker.Result outOfMemory = new Checker.Result(first, Checker.State.CRASHED, 0, List.of(),
                Messages.of(Lang.ZH).text("checker.outOfMemory", "java.lang.OutOfMemoryError: Java heap space"));
        assertThat(new ClassGrader.ExerciseGrade(first, outOfMemory, null, 0, 10).stoppedAtBound()).isFalse();
    }
}
