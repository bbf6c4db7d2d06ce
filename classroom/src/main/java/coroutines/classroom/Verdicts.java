package coroutines.classroom;

import java.util.LinkedHashSet;
import java.util.Set;

/** The few lines {@code ./run check} prints about one exercise: passed, not started, failing, waiting for another, or not compiling. */
final class Verdicts {

    private Verdicts() {
    }

    static String of(Checker.Result result, Catalogue catalogue) {
        Catalogue.Exercise exercise = result.exercise();
        StringBuilder text = new StringBuilder();
        switch (result.state()) {
            case DONE -> text.append("Passed: all ").append(result.tests()).append(" tests pass. Exercise ")
                    .append(exercise.id()).append(" is done.");
            case NOT_STARTED -> text.append("Not started: ").append(result.detail()).append(".\n")
                    .append("What to write, in ").append(exercise.where()).append(":\n  ").append(exercise.write())
                    .append("\nThe article: ").append(exercise.article());
            case NEEDS_NEWER_JDK -> text.append("Not checked here: ").append(result.detail()).append('.');
            case DOES_NOT_COMPILE -> text.append("Does not compile, so no test could run:\n  ")
                    .append(result.detail().replace("\n", "\n  "));
            case CRASHED -> text.append("The tests could not finish: ").append(result.detail().replace("\n", "\n  "));
            case NOT_RUN -> text.append("No test ran: ").append(result.detail().replace("\n", "\n  "));
            case FAILING, WAITS_FOR -> {
                text.append(result.state() == Checker.State.WAITS_FOR
                        ? "Waits for exercise " + String.join(", ", result.waitsFor()) + ": "
                        : "Failing: ").append(result.failures().size()).append(" of ").append(result.tests())
                        .append(" tests fail.");
                Set<String> otherStubs = new LinkedHashSet<>();
                for (Checker.Failure failure : result.failures()) {
                    text.append("\n  x ").append(failure.test()).append("\n      ")
                            .append(failure.what().replace("\n", "\n      "));
                    if (failure.stubOf() != null && !failure.stubOf().equals(exercise.id())) {
                        otherStubs.add(failure.stubOf());
                    }
                }
                for (String other : otherStubs) {
                    text.append("\nThis exercise runs the code of exercise ").append(other).append(", \"")
                            .append(catalogue.get(other).title()).append("\", which is still its stub: do ")
                            .append(other).append(" first (./run check ").append(other).append(").");
                }
            }
            default -> throw new IllegalStateException(result.state().name());
        }
        return text.toString();
    }
}
