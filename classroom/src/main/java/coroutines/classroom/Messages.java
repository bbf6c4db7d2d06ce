package coroutines.classroom;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classroom's own sentences in one language, from {@code messages.properties} (English) and
 * {@code messages_zh.properties} (Chinese) beside this class. What the catalogue says about an
 * exercise is not here but in {@link Catalogue.Exercise}, in both languages too. The bundles are
 * UTF-8, which Java 9 and later read as such; {@code MessagesTest} keeps them in step.
 */
public final class Messages {

    static final String BUNDLE = "coroutines.classroom.messages";

    /** {@code {0}}, {@code {1}}, ...: where an argument goes. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    // No fallback to the JVM's default locale: --lang en on a Chinese machine must get English,
    // the base bundle. (A key missing in Chinese would still fall back to its English parent;
    // MessagesTest keeps the two bundles to the same keys, so none is.)
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Lang lang;
    private final ResourceBundle bundle;

    private Messages(Lang lang, ResourceBundle bundle) {
        this.lang = lang;
        this.bundle = bundle;
    }

    public static Messages of(Lang lang) {
        Locale locale = lang == Lang.EN ? Locale.ROOT : Locale.forLanguageTag(lang.code);
        return new Messages(lang, ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK));
    }

    public Lang lang() {
        return lang;
    }

    /**
     * The sentence under {@code key}, with {@code {0}}, {@code {1}}, ... replaced by the arguments
     * as they are. Not {@link java.text.MessageFormat}: it takes an apostrophe for a quote, so
     * "doesn't {0}" would print "doesnt {0}", and it formats numbers by locale (1,000).
     *
     * @throws IllegalArgumentException for a key no bundle has, or a placeholder with no argument
     */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            throw new IllegalArgumentException("no message '" + key + "' in " + BUNDLE.replace('.', '/')
                    + (lang == Lang.EN ? "" : "_" + lang.code) + ".properties", missing);
        }
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            if (index >= args.length) {
                throw new IllegalArgumentException("message '" + key + "' has {" + index + "} but was given "
                        + args.length + " argument(s)");
            }
            placeholder.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(args[index])));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    /** A state in a few words, as {@code ./run exercises} and {@code grade} list it: "done", "做完了". */
    public static String stateWords(Checker.State state, Lang lang) {
        return of(lang).text("state." + state.name());
    }

    /** A result's state in a few words, naming what it waits for: "waits for 2.2", "等待 2.2". */
    public static String words(Checker.Result result, Lang lang) {
        return result.state() == Checker.State.WAITS_FOR
                ? of(lang).text("state.WAITS_FOR.ids", String.join(", ", result.waitsFor()))
                : stateWords(result.state(), lang);
    }

    /**
     * How many columns a terminal gives the text: two for a Chinese character or full-width sign,
     * one for the rest. {@code printf("%-17s")} counts characters, which misaligns Chinese tables.
     */
    public static int columns(String text) {
        return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
    }

    /** The text, followed by spaces up to {@code width} columns (as {@code %-Ns} would, by columns). */
    public static String padded(String text, int width) {
        return text + " ".repeat(Math.max(0, width - columns(text)));
    }

    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
