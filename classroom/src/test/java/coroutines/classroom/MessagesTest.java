package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two bundles of the classroom's sentences stay in step, and a sentence is filled in as written. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessagesTest {

    @Test
    void the_bundles_have_the_same_keys_the_same_placeholders_and_no_empty_value_and_chinese_is_chinese() throws IOException {
        Properties english = bundle("messages.properties");
        Properties chinese = bundle("messages_zh.properties");
        List<String> problems = new ArrayList<>();

        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(chinese.stringPropertyNames());
        Set<String> onlyChinese = new TreeSet<>(chinese.stringPropertyNames());
        onlyChinese.removeAll(english.stringPropertyNames());
        onlyEnglish.forEach(key -> problems.add(key + ": in English only"));
        onlyChinese.forEach(key -> problems.add(key + ": in Chinese only"));
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            String en = english.getProperty(key);
            String zh = chinese.getProperty(key);
            if (en.isBlank()) {
                problems.add(key + ": empty in English");
            }
            if (zh == null) {
                continue;
            }
            if (zh.isBlank()) {
                problems.add(key + ": empty in Chinese");
            }
            if (!placeholders(en).equals(placeholders(zh))) {
                problems.add(key + ": placeholders " + placeholders(en) + " in English, " + placeholders(zh) + " in Chinese");
            }
            String words = Messages.PLACEHOLDER.matcher(zh).replaceAll("").replaceAll("[\\p{Punct}\\s]", "");
            if (!words.isEmpty() && zh.codePoints().noneMatch(Catalogue::isCjk)) {
                problems.add(key + ": no Chinese in '" + zh + "'");
            }
        }

        assertThat(problems).as("messages.properties and messages_zh.properties out of step").isEmpty();
        assertThat(english.size()).as("sentences").isGreaterThan(20);
    }

    @Test
    void every_state_has_its_words_in_both_languages() {
        for (Checker.State state : Checker.State.values()) {
            assertThat(Messages.stateWords(state, Lang.EN)).as("English words of %s", state).isEqualTo(state.words);
            assertThat(Messages.stateWords(state, Lang.ZH).codePoints().anyMatch(Catalogue::isCjk))
                    .as("Chinese words of %s", state).isTrue();
        }
        assertThat(Messages.stateWords(Checker.State.DONE, Lang.ZH)).isEqualTo("做完了");
    }

    @Test
    void fills_in_placeholders_as_they_are_and_leaves_apostrophes_alone() {
        assertThat(Messages.of(Lang.EN).text("hint.line", 2, 3, "1.1", "it doesn't '{quote}' {0}"))
                .isEqualTo("Hint 2 of 3 for exercise 1.1: it doesn't '{quote}' {0}");
        assertThat(Messages.of(Lang.ZH).text("hint.line", 2, 3, "1.1", "看看 setSoTimeout。"))
                .isEqualTo("练习 1.1 的提示 2/3：看看 setSoTimeout。");
        assertThat(Messages.of(Lang.EN).text("verdict.done", 12345, "2.1")).contains("all 12345 tests");
    }

    @Test
    void a_missing_key_or_argument_is_an_error_naming_it() {
        assertThatThrownBy(() -> Messages.of(Lang.ZH).text("no.such.key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.key")
                .hasMessageContaining("messages_zh.properties");
        assertThatThrownBy(() -> Messages.of(Lang.EN).text("hint.line", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hint.line").hasMessageContaining("{1}");
    }

    @Test
    void english_is_english_on_a_machine_whose_default_locale_is_chinese() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.SIMPLIFIED_CHINESE);
            assertThat(Messages.of(Lang.EN).text("state.DONE")).isEqualTo("done");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void pads_by_the_columns_a_terminal_gives_chinese() {
        assertThat(Messages.columns("做完了")).isEqualTo(6);
        assertThat(Messages.columns("done")).isEqualTo(4);
        assertThat(Messages.padded("做完了", 8)).isEqualTo("做完了  ");
        assertThat(Messages.padded("done", 8)).isEqualTo("done    ");
        assertThat(Messages.padded("too long", 3)).isEqualTo("too long");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher placeholder = Messages.PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            found.add(placeholder.group());
        }
        return found;
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
