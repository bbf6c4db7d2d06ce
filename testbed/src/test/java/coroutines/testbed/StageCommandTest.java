package coroutines.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the shared command line that no stage's contract covers. */
class StageCommandTest {

    private static final Stage STAGE4 = new Stage("stage4-generator-coroutines", "", "", (targets, run) -> { });

    @Test
    void a_stage_built_by_maven_only_for_another_module_stays_quiet() {
        List<String> maven = List.of("-q", "-pl", "stage5-tasks-futures", "-am", "compile", "exec:java");

        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", maven)).isTrue();
    }

    @Test
    void a_stage_named_by_maven_runs_in_any_spelling_of_the_project_list() {
        for (String projects : List.of("stage4-generator-coroutines", "./stage4-generator-coroutines",
                ":stage4-generator-coroutines", "testbed,stage4-generator-coroutines")) {
            List<String> maven = List.of("--projects", projects, "-am", "compile", "exec:java");

            assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", maven))
                    .as(projects).isFalse();
        }
    }

    @Test
    void a_stage_started_without_maven_or_without_a_project_list_always_runs() {
        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, null, List.of("-pl", "stage5-tasks-futures"))).isFalse();
        assertThat(StageCommand.builtOnlyAsADependency(STAGE4, "stage4-generator-coroutines", List.of("compile", "exec:java")))
                .isFalse();
    }
}
