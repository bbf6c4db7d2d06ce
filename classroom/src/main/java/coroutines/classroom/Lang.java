package coroutines.classroom;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The language the classroom speaks: English, or Simplified Chinese for the readers the article was
 * written for. The catalogue holds every text a student reads in both ({@code title:} and
 * {@code title.zh:}, ...), and the commands' own sentences are in {@link Messages}.
 */
public enum Lang {
    EN("en"), ZH("zh");

    /** The POSIX locale variables, in their order of precedence: the first one set decides. */
    static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_MESSAGES", "LANG");

    /** What {@code --lang} takes for it, and the suffix of its catalogue fields ({@code title.zh}). */
    public final String code;

    Lang(String code) {
        this.code = code;
    }

    /**
     * The language a command speaks: {@code --lang en|zh} if given; else the locale, as POSIX
     * programs read it (LC_ALL, then LC_MESSAGES, then LANG; the first set and non-empty one
     * decides, and a {@code zh...} locale such as zh_CN.UTF-8 or zh_TW means Chinese); else English.
     * GNU's LANGUAGE list is not read: it only ever ranks translations a locale already chose.
     *
     * @param flag the value of {@code --lang}, or null when it was not given
     * @param env  the environment, e.g. {@code System.getenv()}
     * @throws IllegalArgumentException for a {@code --lang} other than the two
     */
    public static Lang detect(String flag, Map<String, String> env) {
        if (flag != null) {
            return of(flag);
        }
        for (String variable : LOCALE_VARIABLES) {
            String locale = env.get(variable);
            if (locale != null && !locale.isBlank()) {
                return locale.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
            }
        }
        return EN;
    }

    /** The language {@code --lang} names: {@code en} or {@code zh}, in any case. */
    public static Lang of(String code) {
        for (Lang lang : values()) {
            if (lang.code.equalsIgnoreCase(code.strip())) {
                return lang;
            }
        }
        throw new IllegalArgumentException("--lang takes " + Arrays.stream(values()).map(l -> l.code)
                .collect(Collectors.joining(" or ")) + " (English, 中文), not '" + code + "'");
    }

    /** The catalogue's field for this language: {@code title} in English, {@code title.zh} in Chinese. */
    String field(String key) {
        return this == EN ? key : key + "." + code;
    }
}
