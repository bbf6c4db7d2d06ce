package coroutines.classroom;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The few lines {@code ./run check} prints about one exercise: passed, not started, failing,
 * waiting for another, or not compiling; in English or Chinese ({@link Messages}), with what the
 * catalogue says in the same language.
 */
final class Verdicts {

    private Verdicts() {
    }

    /** In English. */
    static String of(Checker.Result result, Catalogue catalogue) {
        return of(result, catalogue, Lang.EN);
    }

    static String of(Checker.Result result, Catalogue catalogue, Lang lang) {
        Messages say = Messages.of(lang);
        Catalogue.Exercise exercise = result.exercise();
        StringBuilder text = new StringBuilder();
        switch (result.state()) {
            case DONE -> text.append(say.text("verdict.done", result.tests(), exercise.id()));
            case NOT_STARTED -> text.append(say.text("verdict.notStarted", result.detail())).append('\n')
                    .append(say.text("verdict.whatToWrite", exercise.where())).append("\n  ").append(exercise.write(lang))
                    .append('\n').append(say.text("verdict.article", exercise.article(lang)));
            case NEEDS_NEWER_JDK -> text.append(say.text("verdict.needsNewerJdk", result.detail()));
            case DOES_NOT_COMPILE -> text.append(say.text("verdict.doesNotCompile")).append("\n  ")
                    .append(result.detail().replace("\n", "\n  "));
            case CRASHED -> text.append(say.text("verdict.crashed", result.detail().replace("\n", "\n  ")));
            case NOT_RUN -> text.append(say.text("verdict.notRun", result.detail().replace("\n", "\n  ")));
            case FAILING, WAITS_FOR -> {
                text.append(result.state() == Checker.State.WAITS_FOR
                        ? say.text("verdict.waitsFor", String.join(", ", result.waitsFor()), result.failures().size(), result.tests())
                        : say.text("verdict.failing", result.failures().size(), result.tests()));
                Set<String> otherStubs = new LinkedHashSet<>();
                for (Checker.Failure failure : result.failures()) {
                    text.append("\n  x ").append(failure.test()).append("\n      ")
                            .append(failure.what().replace("\n", "\n      "));
                    if (failure.stubOf() != null && !failure.stubOf().equals(exercise.id())) {
                        otherStubs.add(failure.stubOf());
                    }
                }
                for (String other : otherStubs) {
                    text.append('\n').append(say.text("verdict.otherStub", other, catalogue.get(other).title(lang)));
                }
            }
            default -> throw new IllegalStateException(result.state().name());
        }
        return text.toString();
    }
}
