package coroutines.classroom;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every sentence that grading a class says, to the teacher while it runs and to the student on the
 * feedback page, the gradebook's notes and the results file: in one place, so that it can be
 * translated as one.
 */
final class GradeWords {

    private GradeWords() {
    }

    // While grading, to the teacher.

    static String notAClassDirectory(Path dir) {
        return dir + " is not a directory: give the class directory (one folder, .zip or .tar.gz per student),"
                + " or one student's copy";
    }

    static String noStudents(Path dir) {
        return "no student in " + dir + ": it holds no folder, .zip, .tar.gz or .tgz (one per student),"
                + " and is not a student copy itself";
    }

    static String skipped(String name) {
        return "  skipped " + name + ": not a folder, .zip, .tar.gz or .tgz";
    }

    static String grading(int students, Path classDir, int exercises) {
        return "Grading " + students + (students == 1 ? " student" : " students") + " of " + classDir + " on "
                + exercises + (exercises == 1 ? " exercise" : " exercises") + ": only the code between each exercise's"
                + " BEGIN and END EXERCISE lines, in this repository's copy, with its tests.";
    }

    static String building() {
        return "Building the teacher's copy once with Maven (test-compile and class paths)...";
    }

    static String built(double seconds, int jobs) {
        return String.format(Locale.ROOT, "Built in %.0f s; now each student: javac on the files their code changes,"
                + " the tests in a JVM of their own, %d %s at a time.", seconds, jobs, jobs == 1 ? "student" : "students");
    }

    static String tableHeader() {
        return String.format(Locale.ROOT, "%n  %-24s %-8s %-8s %s", "student", "done", "points", "notes");
    }

    static String tableRow(ClassGrader.StudentGrade grade, int exercises, int max) {
        String notes = grade.error() != null ? grade.error() : grade.exercises().stream()
                .filter(e -> !e.done()).map(e -> e.exercise().id() + " " + state(e)).collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "  %-24s %-8s %-8s %s", grade.name(), grade.done() + "/" + exercises,
                grade.points() + "/" + max, shortened(notes, 100));
    }

    static String written(Path outDir, List<ClassGrader.StudentGrade> grades) {
        return String.format(Locale.ROOT, "%nGradebook: %s%nFeedback to hand back, one page per student: %s%n"
                        + "Results in Gradescope's results.json format: %s", outDir.resolve(Gradebook.CSV),
                outDir.resolve(Gradebook.FEEDBACK), outDir.resolve(Gradebook.RESULTS));
    }

    // Why a student, or one exercise, could not be graded.

    static String archiveRefused(String why) {
        return "archive refused, nothing of it graded: " + why;
    }

    static String archiveBroken(String why) {
        return "the archive will not open (" + why + "): hand it in again as a .zip or .tar.gz of the copy";
    }

    static String notACopy(String why) {
        return "not a student copy of this repository (" + why + ")";
    }

    static String noCopyFiles() {
        return "no " + Catalogue.FILE + " and none of the files with exercises in it";
    }

    static String couldNotGrade(Exception e) {
        return "could not be graded: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String needsNewerJdk(int needs, int have) {
        return "its module builds on JDK " + needs + " or newer, and the grader ran on JDK " + have;
    }

    static String stubStillThere(Catalogue.Exercise exercise) {
        return "its code still throws the stub (\"" + exercise.notDoneMessage() + "\")";
    }

    // One exercise's state, in the gradebook's notes, the feedback page and the results file.

    static String state(ClassGrader.ExerciseGrade grade) {
        if (grade.problem() != null) {
            return grade.problem();
        }
        if (grade.result() == null) {
            return "not graded";
        }
        Checker.Result result = grade.result();
        String words = result.words();
        if (result.state() == Checker.State.FAILING || result.state() == Checker.State.WAITS_FOR) {
            words += " (" + (result.tests() - result.failures().size()) + " of " + result.tests() + " tests pass)";
        }
        return grade.stoppedAtBound() ? words + ", stopped at its bound" : words;
    }

    static String ignored(Transplant.Ignored file) {
        return file.path() + " (" + change(file.change()) + ")";
    }

    static String change(Transplant.Change change) {
        return switch (change) {
            case CHANGED -> "changed";
            case ADDED -> "added";
            case DELETED -> "deleted";
        };
    }

    static String fileMissing(String file) {
        return "file missing or renamed: " + file;
    }

    static String markersUnbalanced(String file, String why) {
        return "markers unbalanced in " + file + ": " + why;
    }

    static String markersMissing(String file, String id, int found, long expected) {
        return "markers missing in " + file + ": " + found + " of the " + expected + " BEGIN/END EXERCISE " + id
                + " pairs are there";
    }

    static String beginWithoutEnd(int line) {
        return "its BEGIN EXERCISE line (line " + line + ") has no END EXERCISE line after it";
    }

    static String endWithoutBegin(int line) {
        return "its END EXERCISE line (line " + line + ") has no BEGIN EXERCISE line before it";
    }

    /** The gradebook's last column: what is not done, and why, in one line. */
    static String notes(ClassGrader.StudentGrade grade) {
        if (grade.error() != null) {
            return grade.error();
        }
        StringBuilder notes = new StringBuilder(grade.exercises().stream().filter(e -> !e.done())
                .map(e -> e.exercise().id() + " " + state(e)).collect(Collectors.joining("; ")));
        if (!grade.ignored().isEmpty()) {
            if (notes.length() > 0) {
                notes.append("; ");
            }
            notes.append("not graded: ").append(grade.ignored().stream().limit(5).map(GradeWords::ignored)
                    .collect(Collectors.joining(", ")));
            if (grade.ignored().size() > 5) {
                notes.append(" and ").append(grade.ignored().size() - 5).append(" more");
            }
        }
        return notes.toString();
    }

    // The feedback page, Markdown.

    static String feedback(ClassGrader.StudentGrade grade, int max) {
        StringBuilder page = new StringBuilder();
        page.append("# Your exercises, graded: ").append(escape(grade.name())).append("\n\n");
        page.append("This page is your teacher's grading of the exercises in what you handed in (")
                .append(escape(grade.source())).append("): each exercise's state and points, the tests that failed and")
                .append(" why, and which of your files were not graded. Only your code between each exercise's")
                .append(" `// BEGIN EXERCISE` and `// END EXERCISE` lines was graded, put into your teacher's copy of the")
                .append(" repository and checked with your teacher's tests.\n\n");
        if (grade.error() != null) {
            page.append("**Nothing could be graded:** ").append(escape(grade.error())).append("\n\n");
            page.append("Points: 0 of ").append(max).append(".\n");
            return page.toString();
        }
        page.append("**Points: ").append(grade.points()).append(" of ").append(max).append("**; exercises done: ")
                .append(grade.done()).append(" of ").append(grade.exercises().size()).append(".\n\n");
        page.append("| exercise | state | points |\n|---|---|---|\n");
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            page.append("| ").append(exercise.exercise().id()).append(' ').append(escape(exercise.exercise().title()))
                    .append(" | ").append(escape(state(exercise))).append(" | ").append(exercise.points()).append(" of ")
                    .append(exercise.max()).append(" |\n");
        }
        for (ClassGrader.ExerciseGrade exercise : grade.exercises()) {
            if (exercise.done()) {
                continue;
            }
            page.append("\n## ").append(exercise.exercise().id()).append(' ').append(escape(exercise.exercise().title()))
                    .append("\n\n").append(details(exercise, true));
        }
        if (!grade.ignored().isEmpty()) {
            page.append("\n## Not graded\n\nYour changes to these files are not graded: your teacher's copy of each was")
                    .append(" used instead (an exercise's code counts only between its BEGIN and END EXERCISE lines).\n\n");
            for (Transplant.Ignored file : grade.ignored()) {
                page.append("- `").append(file.path().replace("`", "'")).append("` (").append(change(file.change()))
                        .append(")\n");
            }
        }
        return page.toString();
    }

    /** What one exercise's grade says beyond its state: the failing tests, what it waits for, errors. */
    static String details(ClassGrader.ExerciseGrade grade, boolean markdown) {
        StringBuilder text = new StringBuilder();
        text.append(markdown ? "**" : "").append(grade.points()).append(" of ").append(grade.max()).append(" points")
                .append(markdown ? "**" : "").append(": ").append(markdown ? escape(state(grade)) : state(grade)).append(".\n");
        if (grade.problem() != null) {
            return text.append("\nKeep both lines of each exercise, as the copy you were given has them, in the file where"
                    + " they were: the code between them is what is graded.\n").toString();
        }
        Checker.Result result = grade.result();
        if (result == null) {
            return text.toString();
        }
        switch (result.state()) {
            case NOT_STARTED -> text.append("\nNot started: ").append(result.detail()).append(".\n");
            case NEEDS_NEWER_JDK, NOT_RUN -> text.append('\n').append(block(result.detail(), markdown));
            case DOES_NOT_COMPILE -> text.append("\nIt does not compile, so no test could run (file: line: error):\n\n")
                    .append(block(result.detail(), markdown));
            case CRASHED -> text.append(grade.stoppedAtBound() ? "\nIts tests were stopped at their bound:\n\n"
                    : "\nIts tests could not finish:\n\n").append(block(result.detail(), markdown));
            case FAILING, WAITS_FOR -> {
                if (result.state() == Checker.State.WAITS_FOR) {
                    text.append("\nIts tests run the code of exercise ").append(String.join(", ", result.waitsFor()))
                            .append(", which is still a stub: do that first.\n");
                }
                text.append("\nThe tests that fail:\n");
                for (Checker.Failure failure : result.failures()) {
                    boolean bound = failure.what().contains("timed out after");
                    text.append("\n- ").append(markdown ? escape(failure.test()) : failure.test())
                            .append(bound ? " (stopped at its bound: the test's time limit)" : "").append("\n\n")
                            .append(indented(block(failure.what(), markdown)));
                }
            }
            default -> {
            }
        }
        return text.toString();
    }

    // The results file (Gradescope's results.json).

    static String testName(Catalogue.Exercise exercise) {
        return exercise.id() + " " + exercise.title();
    }

    static String resultsOutput(ClassGrader.StudentGrade grade, int max) {
        if (grade.error() != null) {
            return "Nothing could be graded: " + grade.error();
        }
        StringBuilder text = new StringBuilder("Points: " + grade.points() + " of " + max + "; exercises done: "
                + grade.done() + " of " + grade.exercises().size() + ". Only the code between each exercise's"
                + " BEGIN and END EXERCISE lines was graded.");
        if (!grade.ignored().isEmpty()) {
            text.append("\nNot graded (your teacher's copy was used instead): ")
                    .append(grade.ignored().stream().map(GradeWords::ignored).collect(Collectors.joining(", ")));
        }
        return text.toString();
    }

    // Helpers.

    private static String block(String text, boolean markdown) {
        if (!markdown) {
            return "    " + text.replace("\n", "\n    ") + "\n";
        }
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + "text\n" + text + "\n" + fence + "\n";
    }

    private static String indented(String text) {
        return text.lines().map(l -> l.isEmpty() ? l : "  " + l).collect(Collectors.joining("\n")) + "\n";
    }

    /** Text in Markdown, outside a code block: the characters that would format it, escaped. */
    static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1").replace("\n", " ");
    }

    private static String shortened(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
