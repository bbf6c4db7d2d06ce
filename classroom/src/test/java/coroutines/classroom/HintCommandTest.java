package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ./run hint in this repository, in each language; an unknown --lang is refused before anything is shown. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HintCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The hints a student has seen here (this may be their copy): put back as they were after each test. */
    private final Path seen = Classroom.root().resolve(".classroom/hints-seen.properties");
    private byte[] seenBefore;

    @BeforeEach
    void keepTheHintsSeen() throws IOException {
        seenBefore = Files.exists(seen) ? Files.readAllBytes(seen) : null;
    }

    @AfterEach
    void putBackTheHintsSeen() throws IOException {
        if (seenBefore == null) {
            Files.deleteIfExists(seen);
        } else {
            Files.write(seen, seenBefore);
        }
    }

    private int run(String... args) {
        return Classroom.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shows_the_hints_and_the_article_in_chinese_with_lang_zh() throws Exception {
        Catalogue.Exercise exercise = Catalogue.read(Classroom.root()).get("1.2");

        assertThat(run("hint", "1.2", "2", "--lang", "zh")).isZero();

        assertThat(out.toString()).contains("练习 1.2 的提示 1/2：" + exercise.hints(Lang.ZH).get(0))
                .contains("练习 1.2 的提示 2/2：" + exercise.hints(Lang.ZH).get(1))
                .contains("这是最后一条提示。这个练习重述的文章段落：" + exercise.article(Lang.ZH));
    }

    @Test
    void shows_them_in_english_with_lang_en() throws Exception {
        Catalogue.Exercise exercise = Catalogue.read(Classroom.root()).get("1.2");

        assertThat(run("hint", "1.2", "1", "--lang", "en")).isZero();

        assertThat(out.toString().strip()).isEqualTo("Hint 1 of 2 for exercise 1.2: " + exercise.hints().get(0));
    }

    @Test
    void an_unknown_lang_is_refused_with_the_two_it_takes() {
        assertThat(run("hint", "1.2", "1", "--lang", "fr")).isEqualTo(2);

        assertThat(err.toString()).contains("en or zh").contains("'fr'");
        assertThat(out.toString()).isEmpty();
    }
}
