package coroutines.pictures;

import coroutines.testbed.Event;
import coroutines.testbed.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run drawn as a static, standalone SVG, for the chapters (docs/pictures/): one lane per request
 * on a time axis in ms, a mark per event coloured by the thread that recorded it, a legend, and the
 * summary line as the caption. No script, so it shows wherever Markdown shows an image.
 *
 * <p>The same events give the same bytes: threads are coloured in the order they first appear lane
 * by lane, and every number is written with the same format. Every element is on a line of its own,
 * so that {@link #comparable} can compare two drawings of two runs line by line.
 */
public final class RunSvg {

    /** The words of the picture, in the chapters' two languages (docs/glossary.md names the Chinese terms). */
    public enum Language {
        ENGLISH("", "en", "%s: one run, a lane per request", "connect", "connected", "sent", "read",
                "answered", "failed", "threads", "(unnamed)", "drawn by %s on JDK %d", "and %d more",
                "The tour: each stage's run on one time axis",
                "The same four requests each time, every stage on the same scale; a mark's colour is the thread that ran it, within its stage."),
        CHINESE(".zh", "zh", "%s：一次运行，每个请求一条泳道", "连接", "已连接", "已发送", "读",
                "已回答", "失败", "线程", "（未命名）", "由 %s 在 JDK %d 上画出", "另外 %d 个",
                "导览：每个阶段的运行画在同一条时间轴上",
                "每次都是同样的四个请求，所有阶段用同一个比例；标记的颜色表示在该阶段里执行这一步的线程。");

        private final String fileSuffix;
        private final String tag;
        private final String title;
        private final String connect;
        private final String connected;
        private final String sent;
        private final String read;
        private final String answered;
        private final String failed;
        private final String threads;
        private final String unnamed;
        private final String drawnBy;
        private final String more;
        private final String tourTitle;
        private final String tourNote;

        Language(String fileSuffix, String tag, String title, String connect, String connected, String sent, String read,
                String answered, String failed, String threads, String unnamed, String drawnBy, String more,
                String tourTitle, String tourNote) {
            this.tourTitle = tourTitle;
            this.tourNote = tourNote;
            this.fileSuffix = fileSuffix;
            this.tag = tag;
            this.title = title;
            this.connect = connect;
            this.connected = connected;
            this.sent = sent;
            this.read = read;
            this.answered = answered;
            this.failed = failed;
            this.threads = threads;
            this.unnamed = unnamed;
            this.drawnBy = drawnBy;
            this.more = more;
        }

        /** What goes before {@code .svg} in the picture's file name: nothing in English, {@code .zh} in Chinese. */
        public String fileSuffix() {
            return fileSuffix;
        }

        String word(Event.Kind kind) {
            return switch (kind) {
                case CONNECTING -> connect;
                case CONNECTED -> connected;
                case SENT -> sent;
                case READ -> read;
                case END -> answered;
                case FAILED -> failed;
            };
        }
    }

    /**
     * How the picture was made, written under it so a reader can make it again.
     *
     * @param command what draws it again, e.g. {@code ./run pictures 3}
     * @param jdk     the JDK's feature version: which thread runs a coroutine's body is the JDK's choice (chapter 5)
     */
    public record Provenance(String command, int jdk) {
    }

    /** Colour-blind-safe colours (Okabe and Ito, then Tol), one per thread in order of appearance, then again. */
    static final List<String> THREAD_COLOURS = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
            "#56b4e9", "#000000", "#999933", "#882255", "#44aa99");

    /** The most threads the legend names; the rest are counted. */
    static final int MOST_THREADS_NAMED = 12;

    /** A failure's reason is cut here, so that it fits under its lane. */
    static final int LONGEST_REASON = 130;

    private static final int WIDTH = 960;
    private static final int PLOT_LEFT = 170;
    private static final int PLOT_RIGHT = 840;
    private static final int LANE_HEIGHT = 32;
    private static final int REASON_HEIGHT = 16;
    private static final int TICKS = 4;
    private static final String FONT = "font-family=\"'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',Helvetica,Arial,sans-serif\"";

    private RunSvg() {
    }

    /** The picture as an SVG document, in that language, with how it was made under it (or nothing if null). */
    public static String draw(RunPage.Picture picture, Language language, Provenance provenance) {
        List<Event> events = picture.events();
        long start = events.stream().mapToLong(Event::nanos).min().orElse(0);
        long end = events.stream().mapToLong(Event::nanos).max().orElse(start);
        double spanNanos = Math.max(1_000_000L, end - start);
        Map<String, String> colours = threadColours(picture);
        List<String> lines = new ArrayList<>();

        int y = 28;
        lines.add(text("title", 12, y, "start", 16, "bold", String.format(language.title, picture.stage())));
        y += 22;
        y = markLegend(lines, language, y);
        y += 14;
        y = lanesAndAxis(lines, picture, language, colours, start, spanNanos, y);
        y += 26;
        y = threadLegend(lines, language, colours, y);
        y += 24;
        lines.add(text("caption", 12, y, "start", 13, "normal", picture.summary()));
        if (provenance != null) {
            y += 20;
            lines.add(text("provenance", 12, y, "start", 11, "normal",
                    String.format(Locale.ROOT, language.drawnBy, provenance.command(), provenance.jdk())));
        }
        y += 14;
        return document(lines, language, provenance, y);
    }

    /**
     * Several runs stacked on one time axis, in order, each under its stage's name and summary line:
     * the tour's still. One scale for all, the longest run's, so that one request after another is
     * as long as it was beside all at once. Colours are per stage's threads, so no thread legend.
     */
    public static String drawStages(List<RunPage.Picture> pictures, Language language, Provenance provenance) {
        double spanNanos = 1_000_000L;
        for (RunPage.Picture picture : pictures) {
            long start = picture.events().stream().mapToLong(Event::nanos).min().orElse(0);
            long end = picture.events().stream().mapToLong(Event::nanos).max().orElse(start);
            spanNanos = Math.max(spanNanos, end - start);
        }
        List<String> lines = new ArrayList<>();
        int y = 28;
        lines.add(text("title", 12, y, "start", 16, "bold", language.tourTitle));
        y += 20;
        lines.add(text("note", 12, y, "start", 12, "normal", language.tourNote));
        y += 24;
        y = markLegend(lines, language, y);
        for (RunPage.Picture picture : pictures) {
            y += 30;
            lines.add(text("stage", 12, y, "start", 14, "bold", picture.stage()));
            y += 18;
            lines.add(text("caption", 12, y, "start", 12, "normal", picture.summary()));
            y += 8;
            long start = picture.events().stream().mapToLong(Event::nanos).min().orElse(0);
            Map<String, String> colours = threadColours(picture);
            y = lanesAndAxis(lines, picture, language, colours, start, spanNanos, y);
        }
        if (provenance != null) {
            y += 26;
            lines.add(text("provenance", 12, y, "start", 11, "normal",
                    String.format(Locale.ROOT, language.drawnBy, provenance.command(), provenance.jdk())));
        }
        y += 14;
        return document(lines, language, provenance, y);
    }

    private static String document(List<String> lines, Language language, Provenance provenance, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" ").append(FONT)
                .append(" xml:lang=\"").append(language.tag).append('"')
                .append(provenance == null ? "" : " data-jdk=\"" + provenance.jdk() + "\"").append(">\n");
        svg.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        lines.forEach(line -> svg.append(line).append('\n'));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A colour per thread, in the order threads first appear going lane by lane: the same for the same events. */
    static Map<String, String> threadColours(RunPage.Picture picture) {
        Map<String, String> colours = new LinkedHashMap<>();
        for (Target request : picture.requests()) {
            for (Event event : picture.events()) {
                if (event.request() == request.request()) {
                    colours.computeIfAbsent(Objects.toString(event.thread(), ""),
                            name -> THREAD_COLOURS.get(colours.size() % THREAD_COLOURS.size()));
                }
            }
        }
        return colours;
    }

    /** The legend of the marks: one of each kind, drawn as in the lanes, with its word. */
    private static int markLegend(List<String> lines, Language language, int y) {
        int x = 20;
        for (Event.Kind kind : Event.Kind.values()) {
            lines.add(mark(kind, "legend-mark", x, y - 4, "#444444"));
            String word = language.word(kind);
            lines.add(text("legend", x + 14, y, "start", 12, "normal", word));
            x += 28 + 8 * word.codePointCount(0, word.length()) + (language == Language.CHINESE ? 12 : 0);
        }
        return y;
    }

    /** Every request's lane from {@code top} down, then the time axis under them; returns where they end. */
    private static int lanesAndAxis(List<String> lines, RunPage.Picture picture, Language language, Map<String, String> colours,
            long start, double spanNanos, int top) {
        int y = top;
        for (Target request : picture.requests()) {
            String failure = picture.failures().get(request.request());
            int height = LANE_HEIGHT + (failure == null ? 0 : REASON_HEIGHT);
            lane(lines, picture, request, failure, language, colours, start, spanNanos, y, height);
            y += height;
        }
        return axis(lines, start, spanNanos, top, y);
    }

    /** One request's lane: its name, a line from its first event to its last, its marks, how it ended. */
    private static void lane(List<String> lines, RunPage.Picture picture, Target request, String failure, Language language,
            Map<String, String> colours, long start, double spanNanos, int top, int height) {
        int centre = top + LANE_HEIGHT / 2;
        lines.add("<g class=\"lane\">");
        if (request.request() % 2 == 0) {
            lines.add("<rect class=\"stripe\" x=\"0\" y=\"" + top + "\" width=\"" + WIDTH + "\" height=\"" + height
                    + "\" fill=\"#f4f4f4\"/>");
        }
        lines.add(text("host", PLOT_LEFT - 14, centre + 4, "end", 13, "normal", labelOf(request, picture.requests())));
        List<Event> own = picture.events().stream().filter(event -> event.request() == request.request()).toList();
        if (!own.isEmpty()) {
            lines.add("<line class=\"waiting\" x1=\"" + number(x(own.get(0), start, spanNanos)) + "\" y1=\"" + centre + "\" x2=\""
                    + number(x(own.get(own.size() - 1), start, spanNanos)) + "\" y2=\"" + centre + "\" stroke=\"#9a9a9a\" stroke-width=\"1.5\"/>");
        }
        for (Event event : own) {
            lines.add(mark(event.kind(), "mark", x(event, start, spanNanos), centre,
                    colours.get(Objects.toString(event.thread(), ""))));
        }
        boolean answered = own.stream().anyMatch(event -> event.kind() == Event.Kind.END);
        String ending = answered ? language.answered : failure != null ? language.failed : null;
        if (ending != null) {
            lines.add(text(answered ? "answered" : "failed", PLOT_RIGHT + 16, centre + 4, "start", 12, "normal", ending));
        }
        if (failure != null) {
            lines.add(text("reason", PLOT_LEFT, top + LANE_HEIGHT + 8, "start", 11, "normal", cut(failure)));
        }
        lines.add("</g>");
    }

    /** The time axis under the lanes: a tick and its time at 0, a quarter, ... and the whole run, and "ms". */
    private static int axis(List<String> lines, long start, double spanNanos, int lanesTop, int y) {
        int axisY = y + 6;
        lines.add("<line class=\"axis\" x1=\"" + PLOT_LEFT + "\" y1=\"" + axisY + "\" x2=\"" + PLOT_RIGHT + "\" y2=\"" + axisY
                + "\" stroke=\"#444444\"/>");
        for (int i = 0; i <= TICKS; i++) {
            double x = PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * i / (double) TICKS;
            lines.add("<line class=\"grid\" x1=\"" + number(x) + "\" y1=\"" + lanesTop + "\" x2=\"" + number(x) + "\" y2=\""
                    + (axisY + 4) + "\" stroke=\"#d8d8d8\" stroke-dasharray=\"2 3\"/>");
            long millis = Math.round(spanNanos * i / TICKS / 1e6);
            lines.add(text("tick", x, axisY + 18, "middle", 11, "normal", millis + " ms"));
        }
        return axisY + 18;
    }

    /** The legend of the threads: the colour of each, and its name. */
    private static int threadLegend(List<String> lines, Language language, Map<String, String> colours, int y) {
        lines.add(text("threads-heading", 12, y, "start", 12, "bold", language.threads));
        int x = 12 + 14 + 9 * language.threads.length();
        int named = 0;
        for (var thread : colours.entrySet()) {
            if (named == MOST_THREADS_NAMED) {
                lines.add(text("thread-more", x, y, "start", 12, "normal",
                        String.format(Locale.ROOT, language.more, colours.size() - named)));
                break;
            }
            String name = thread.getKey().isBlank() ? language.unnamed : thread.getKey();
            int width = 28 + 7 * name.length();
            if (x + width > WIDTH - 12) {
                x = 12 + 14 + 9 * language.threads.length();
                y += 20;
            }
            lines.add("<rect class=\"thread-colour\" x=\"" + x + "\" y=\"" + (y - 10) + "\" width=\"12\" height=\"12\" fill=\""
                    + thread.getValue() + "\"/>");
            lines.add(text("thread-name", x + 17, y, "start", 12, "normal", name));
            x += width;
            named++;
        }
        return y;
    }

    /** A mark of one kind, centred at x, y: the same shape in the lanes and in the legend. */
    private static String mark(Event.Kind kind, String role, double x, int y, String colour) {
        String at = "transform=\"translate(" + number(x) + " " + y + ")\"";
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        String cls = "class=\"" + role + " " + kindName + "\" ";
        return switch (kind) {
            case CONNECTING -> "<circle " + cls + at + " r=\"6\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>";
            case CONNECTED -> "<circle " + cls + at + " r=\"3\" fill=\"" + colour + "\"/>";
            case SENT -> "<path " + cls + at + " d=\"M1 -6 L9 0 L1 6 Z\" fill=\"" + colour + "\"/>";
            case READ -> "<path " + cls + at + " d=\"M0 -8 L0 8\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
            // Just right of its time: the last reads, a moment before, stay visible at its left edge.
            case END -> "<rect " + cls + at + " x=\"1\" y=\"-6\" width=\"7\" height=\"12\" fill=\"" + colour + "\"/>";
            case FAILED -> "<path " + cls + at + " d=\"M-6 -6 L6 6 M-6 6 L6 -6\" stroke=\"" + colour + "\" stroke-width=\"3\"/>";
        };
    }

    private static double x(Event event, long start, double spanNanos) {
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * ((event.nanos() - start) / spanNanos);
    }

    private static String text(String role, double x, int y, String anchor, int size, String weight, String content) {
        return "<text class=\"" + role + "\" x=\"" + number(x) + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\""
                + size + "\"" + (weight.equals("normal") ? "" : " font-weight=\"" + weight + "\"") + " fill=\"#222222\">"
                + escaped(content) + "</text>";
    }

    /** One decimal, with a point whatever the locale: the same events give the same bytes. */
    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The request as the output names it: its host, with its number if the host is requested more than once. */
    static String labelOf(Target request, List<Target> all) {
        long sameHost = all.stream().filter(other -> other.host().equals(request.host())).count();
        return sameHost > 1 ? request.host() + " #" + request.request() : request.host();
    }

    private static String cut(String reason) {
        String oneLine = reason.replaceAll("\\s+", " ");
        return oneLine.codePointCount(0, oneLine.length()) <= LONGEST_REASON ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, LONGEST_REASON - 1)) + "…";
    }

    /**
     * Text as XML character data: markup characters escaped, and what XML 1.0 cannot hold (control
     * characters, half a surrogate pair) as {@code ?}, so a host name or a reason can never break the file.
     */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF ? '?' : c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #comparable} keeps which thread drew each mark, or leaves threads out. */
    public enum Threads { COMPARED, LEFT_OUT }

    private static final Pattern PLACE = Pattern.compile(
            "\\b(x|y|x1|y1|x2|y2|width|height|viewBox|transform)=\"[^\"]*\"");
    private static final Pattern MILLIS = Pattern.compile("\\d+(\\.\\d+)? ms\\b");
    private static final Pattern THREAD_NAME = Pattern.compile("(<text class=\"thread-name\"[^>]*>)([^<]*)(</text>)");
    private static final Pattern COLOUR = Pattern.compile("(fill|stroke)=\"#[0-9a-f]{6}\"");

    /**
     * The lines of a drawing with what differs from one run to the next masked, so that two runs'
     * drawings are equal when they tell the same story: every place and size ({@code x}, {@code y},
     * {@code width}, {@code transform}, ...) and every "N ms" becomes {@code #}; the counters in
     * thread names ({@code generator-so1n.me-17}, numbered over the whole JVM) become {@code #}; and
     * a lane's reads count once however many there were, as how many reads an answer takes is the
     * network's doing. The lanes, the kinds and order of the marks, the words, the legend and the
     * colours stay. With {@link Threads#LEFT_OUT}, the thread legend goes and every mark's colour is
     * masked: for a drawing made on another JDK, where a coroutine's body may run on another thread.
     */
    public static List<String> comparable(String svg, Threads threads) {
        List<String> lines = new ArrayList<>();
        String previous = null;
        for (String line : svg.split("\n")) {
            String masked = MILLIS.matcher(PLACE.matcher(line).replaceAll("$1=\"#\"")).replaceAll("# ms");
            Matcher name = THREAD_NAME.matcher(masked);
            if (name.find()) {
                masked = name.group(1) + name.group(2).replaceAll("\\d+", "#") + name.group(3);
            }
            if (threads == Threads.LEFT_OUT) {
                if (masked.contains("class=\"thread-") || masked.contains("class=\"provenance\"")) {
                    continue;
                }
                masked = masked.replaceAll(" data-jdk=\"\\d+\"", "");
                if (masked.contains("class=\"mark ")) {
                    masked = COLOUR.matcher(masked).replaceAll("$1=\"thread\"");
                }
            }
            if (masked.contains("class=\"mark read\"") && masked.equals(previous)) {
                continue;
            }
            lines.add(masked);
            previous = masked;
        }
        return lines;
    }
}
