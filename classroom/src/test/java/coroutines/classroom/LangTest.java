package coroutines.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which language a command speaks: --lang, else the POSIX locale variables in their order, else English. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LangTest {

    /** {@code -} for a variable not set, {@code ''} for one set to nothing. */
    @ParameterizedTest(name = "--lang={0} LC_ALL={1} LC_MESSAGES={2} LANG={3} -> {4}")
    @CsvSource(nullValues = "-", textBlock = """
            zh,    -,           -,           -,           ZH
            en,    -,           -,           zh_CN.UTF-8, EN
            ZH,    en_US.UTF-8, en_US.UTF-8, en_US.UTF-8, ZH
            en,    zh_CN.UTF-8, zh_CN.UTF-8, zh_CN.UTF-8, EN
            -,     -,           -,           -,           EN
            -,     -,           -,           zh_CN.UTF-8, ZH
            -,     -,           -,           zh_TW,       ZH
            -,     -,           -,           zh,          ZH
            -,     -,           -,           C,           EN
            -,     -,           -,           POSIX,       EN
            -,     -,           -,           en_US.UTF-8, EN
            -,     -,           -,           C.UTF-8,     EN
            -,     -,           zh_CN.UTF-8, en_US.UTF-8, ZH
            -,     -,           en_US.UTF-8, zh_CN.UTF-8, EN
            -,     zh_CN.UTF-8, en_US.UTF-8, en_US.UTF-8, ZH
            -,     C,           zh_CN.UTF-8, zh_CN.UTF-8, EN
            -,     '',          zh_CN.UTF-8, en_US.UTF-8, ZH
            -,     '',          '',          zh_SG.GBK,   ZH
            -,     '',          '',          '',          EN
            """)
    void detects_the_language(String flag, String lcAll, String lcMessages, String lang, Lang expected) {
        Map<String, String> env = new HashMap<>();
        putIfSet(env, "LC_ALL", lcAll);
        putIfSet(env, "LC_MESSAGES", lcMessages);
        putIfSet(env, "LANG", lang);

        assertThat(Lang.detect(flag, env)).isEqualTo(expected);
    }

    @Test
    void an_unknown_lang_is_an_error_that_lists_the_two() {
        assertThatThrownBy(() -> Lang.detect("fr", Map.of("LANG", "zh_CN.UTF-8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("en or zh").hasMessageContaining("'fr'");
        assertThatThrownBy(() -> Lang.detect("zh_CN", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void putIfSet(Map<String, String> env, String variable, String value) {
        if (value != null) {
            env.put(variable, value);
        }
    }
}
