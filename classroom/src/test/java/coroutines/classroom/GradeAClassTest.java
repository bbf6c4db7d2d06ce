package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run grade} on a class made from this repository, as a teacher would run it, in a JVM of
 * its own whose temp directory is a fresh folder: students who solved stage 1, got one exercise
 * wrong, left stubs, wrote code that hangs or does not compile, edited the test bed or a test, deleted
 * a marker, and a zip that tries to write outside. Graded on stage 1's exercises only, whose tests take seconds: the
 * one Maven build of the teacher's copy is most of the time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GradeAClassTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CLIENT = "stage1-blocking/src/main/java/coroutines/blocking/BlockingClient.java";
    private static final String TEST = "stage1-blocking/src/test/java/coroutines/blocking/ReadUntilClosedExerciseTest.java";
    private static final String TESTBED = "testbed/src/main/java/coroutines/testbed/Target.java";

    /** A plausible answer that never ends: a read that timed out is tried again, for ever. */
    private static final List<String> HANGS = List.of(
            "        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();",
            "        byte[] chunk = new byte[4096];",
            "        while (true) {",
            "            int length;",
            "            try {",
            "                length = in.read(chunk);",
            "            } catch (java.net.SocketTimeoutException slow) {",
            "                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // a slow server: ask again",
            "                continue;",
            "            }",
            "            run.read(target, chunk, length);",
            "            if (length == -1) {",
            "                return all.toByteArray();",
            "            }",
            "            all.write(chunk, 0, length);",
            "        }");

    @TempDir
    static Path space;

    private static Path classDir;
    private static Path out;
    private static Path work;
    private static Path tmp;
    private static String printed;
    private static List<String> classBefore;

    @BeforeAll
    static void a_class_of_students_graded_on_stage_1() throws Exception {
        assumeFalse(Files.exists(ROOT.resolve(StudentCopy.NOTE)), "a student copy has no answers to make a class with");
        Catalogue catalogue = Catalogue.read(ROOT);
        Map<String, List<Answers.Answer>> answers = Answers.read(ROOT, catalogue);
        Path handedOut = space.resolve("handed-out");
        new StudentCopy(ROOT, catalogue).write(handedOut,
                catalogue.exercises().stream().map(Catalogue.Exercise::id).collect(Collectors.toSet()));
        classDir = Files.createDirectories(space.resolve("class"));

        Path solved = student(handedOut, "solved");
        answer(solved, "1.1", answer(answers, "1.1", "right-while-true-with-break").regions());
        answer(solved, "1.2", answer(answers, "1.2", "right-read-timeout-set-first").regions());
        answer(solved, "1.3", answer(answers, "1.3", "right-early-return").regions());

        Path wrong = student(handedOut, "wrong");
        answer(wrong, "1.1", answer(answers, "1.1", "right-list-of-copied-chunks").regions());
        answer(wrong, "1.2", answer(answers, "1.2", "wrong-no-read-timeout").regions());

        student(handedOut, "stubs");

        answer(student(handedOut, "hangs"), "1.1", Map.of(1, HANGS));

        answer(student(handedOut, "typo"), "1.1", Map.of(1, List.of("        return responseBytes;")));

        Path testbed = student(handedOut, "testbed-edit");
        answer(testbed, "1.1", answer(answers, "1.1", "right-for-loop-growing-array").regions());
        Files.writeString(testbed.resolve(TESTBED), "\n// a student's improvement\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        List<String> client = Files.readAllLines(testbed.resolve(CLIENT));
        client.removeIf(line -> line.strip().startsWith("// END EXERCISE 1.2"));
        Files.write(testbed.resolve(CLIENT), client);

        // Two hand-ins that both hold a folder called "submission".
        Path testEdit = copyOf(handedOut, space.resolve("test-edit/submission"));
        answer(testEdit, "1.1", answer(answers, "1.1", "wrong-one-read-only").regions());
        Files.writeString(testEdit.resolve(TEST), "package coroutines.blocking;\n\nclass ReadUntilClosedExerciseTest {\n}\n");
        tarGz(space.resolve("test-edit"), classDir.resolve("test-edit.tar.gz"));
        copyOf(handedOut, space.resolve("late/submission"));
        zip(space.resolve("late"), classDir.resolve("late.zip"));

        try (ZipOutputStream evil = new ZipOutputStream(Files.newOutputStream(classDir.resolve("evil.zip")))) {
            evil.putNextEntry(new ZipEntry("../evil"));
            evil.write("written outside".getBytes(StandardCharsets.UTF_8));
            evil.closeEntry();
        }
        classBefore = listing(classDir);

        out = space.resolve("grades");
        work = Files.createDirectories(space.resolve("work"));
        tmp = Files.createDirectories(space.resolve("tmp"));
        Path log = space.resolve("grade.log");
        Process grader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Classroom.class.getName(),
                "grade", classDir.toString(), "--lang", "en", "--exercise", "1.1,1.2,1.3", "--out", out.toString(), "--work", work.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(grader.waitFor(280, TimeUnit.SECONDS)).as("the grader finished").isTrue();
        printed = Files.readString(log);
        assertThat(grader.exitValue()).as("the grader's status; it printed:\n%s", printed).isZero();
    }

    @Test
    void writes_one_gradebook_row_per_student_with_points_per_exercise_and_a_total() throws IOException {
        Map<String, List<String>> rows = gradebook();
        Catalogue catalogue = Catalogue.read(ROOT);
        String one = String.valueOf(catalogue.get("1.1").points());
        String two = String.valueOf(catalogue.get("1.2").points());
        String three = String.valueOf(catalogue.get("1.3").points());
        String all = String.valueOf(catalogue.get("1.1").points() + catalogue.get("1.2").points() + catalogue.get("1.3").points());

        assertThat(rows.keySet()).containsExactly("student", "evil", "hangs", "late", "solved", "stubs", "test-edit",
                "testbed-edit", "typo", "wrong");
        assertThat(rows.get("student").subList(0, 6)).containsExactly("student", "1.1", "1.2", "1.3", "total", "max");
        assertThat(rows.get("solved").subList(1, 6)).as("solved; the grader printed:\n%s\nfeedback:\n%s", printed,
                feedback("solved")).containsExactly(one, two, three, all, all);
        assertThat(rows.get("wrong").subList(1, 5)).containsExactly(one, "0", "0", one);
        assertThat(rows.get("stubs").subList(1, 5)).containsExactly("0", "0", "0", "0");
        assertThat(rows.get("late").subList(1, 5)).containsExactly("0", "0", "0", "0");
        assertThat(rows.get("hangs").subList(1, 5)).containsExactly("0", "0", "0", "0");
        assertThat(rows.get("testbed-edit").subList(1, 5)).containsExactly(one, "0", "0", one);
        assertThat(rows.get("test-edit").subList(1, 5)).containsExactly("0", "0", "0", "0");
        assertThat(rows.get("evil").subList(1, 5)).containsExactly("0", "0", "0", "0");
        assertThat(rows.get("evil").get(6)).contains("refused").contains("../evil");
        assertThat(printed).contains("solved").contains(out.resolve(Gradebook.CSV).toString());
    }

    @Test
    void says_how_each_exercise_stands_in_the_results_and_the_feedback() throws IOException {
        assertThat(states("solved")).containsExactly("passed", "passed", "passed");
        JsonNode wrong = results("wrong");
        assertThat(wrong.get("score").asInt()).isEqualTo(Catalogue.read(ROOT).get("1.1").points());
        assertThat(wrong.get("tests").get(1).get("output").asText()).contains("failing");
        assertThat(wrong.get("tests").get(2).get("output").asText()).contains("not started");
        assertThat(results("hangs").get("tests").get(0).get("output").asText()).contains("stopped at its bound");
        assertThat(feedback("hangs")).contains("stopped at its bound");
        assertThat(results("testbed-edit").get("tests").get(1).get("output").asText())
                .contains("markers").contains(CLIENT);
        assertThat(results("test-edit").get("tests").get(0).get("status").asText()).as("judged by the teacher's test")
                .isEqualTo("failed");
        assertThat(feedback("stubs")).contains("Not started");
        assertThat(results("typo").get("tests").get(0).get("output").asText()).as("the compiler's file and line, as the student has them")
                .contains("does not compile").containsPattern(java.util.regex.Pattern.quote(CLIENT) + ":\\d+: ");
    }

    @Test
    void names_the_files_a_student_changed_outside_the_exercises_as_not_graded() throws IOException {
        assertThat(notGraded("testbed-edit")).contains(TESTBED);
        assertThat(notGraded("test-edit")).containsExactly(TEST);
        assertThat(notGraded("solved")).isEmpty();
        assertThat(feedback("test-edit")).contains(TEST);
        assertThat(gradebook().get("testbed-edit").get(6)).contains(TESTBED);
    }

    @Test
    void writes_nothing_outside_the_grading_directory_and_leaves_no_temp_directory() throws IOException {
        try (Stream<Path> everything = Files.walk(space)) {
            assertThat(everything.filter(p -> p.getFileName().toString().equals("evil"))).isEmpty();
        }
        assertThat(ROOT.getParent().resolve("evil")).doesNotExist();
        assertThat(listing(classDir)).as("the class directory, untouched").isEqualTo(classBefore);
        assertThat(listing(tmp)).as("the grader's java.io.tmpdir").isEmpty();
        assertThat(listing(work)).as("the work directory, after grading").isEmpty();
    }

    private static Answers.Answer answer(Map<String, List<Answers.Answer>> answers, String id, String name) {
        return answers.get(id).stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static Path student(Path handedOut, String name) throws IOException {
        return copyOf(handedOut, classDir.resolve(name));
    }

    /** Writes an answer's bodies between the exercise's bounds of a student copy, as the student would. */
    private static void answer(Path copy, String id, Map<Integer, List<String>> bodies) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(copy.resolve(CLIENT)));
        List<SolutionMarkers.Bounded> regions = SolutionMarkers.bounds(lines).regions().stream()
                .filter(r -> r.id().equals(id)).toList();
        for (int n = regions.size(); n >= 1; n--) {
            SolutionMarkers.Bounded region = regions.get(n - 1);
            List<String> body = lines.subList(region.beginLine(), region.endLine() - 1);
            body.clear();
            body.addAll(bodies.get(n));
        }
        Files.write(copy.resolve(CLIENT), lines);
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static void zip(Path dir, Path archive) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive)); Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static void tarGz(Path dir, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file));
             Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                tar.putArchiveEntry(new TarArchiveEntry(path, dir.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** The gradebook's rows by their first field, each row's fields as RFC 4180 reads them. */
    private Map<String, List<String>> gradebook() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (List<String> row : GradebookTest.parseCsv(Files.readString(out.resolve(Gradebook.CSV)))) {
            rows.put(row.get(0), row);
        }
        return rows;
    }

    private JsonNode results(String student) throws IOException {
        return new ObjectMapper().readTree(out.resolve(Gradebook.RESULTS).resolve(student + ".json").toFile());
    }

    private List<String> states(String student) throws IOException {
        List<String> states = new ArrayList<>();
        results(student).get("tests").forEach(test -> states.add(test.get("status").asText()));
        return states;
    }

    private Set<String> notGraded(String student) throws IOException {
        Set<String> paths = new java.util.TreeSet<>();
        results(student).get("extra_data").get("not_graded").forEach(file -> paths.add(file.get("path").asText()));
        return paths;
    }

    private String feedback(String student) throws IOException {
        return Files.readString(out.resolve(Gradebook.FEEDBACK).resolve(student + ".md"));
    }
}
