package coroutines.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The benchmark's chart: wall time and peak RSS against N, one line per program, N on a log scale.
 * A Java program has a line for its cold JVM (solid) and one with its AOT cache (dotted), in its
 * Python program's colour (dashed); the warm column is in the table only, or drawn (thin) when it is
 * the only mode run. Where a line has no figure at an N (not run, failed, or disturbed by load), it
 * has a gap and a cross marks that N in its colour, below the figures, so that no point is dropped
 * unseen; an AOT line with no figure at all (a JDK before 25) is left out, and a subtitle says so.
 *
 * <p>Drawn with JFreeChart and written as SVG by JFreeSVG (both on Maven Central, kept up by the
 * same maintainer, no further dependencies): axes on a log scale with readable ticks, a legend and
 * line styles are most of what a hand-written SVG would have to get right, and the benchmark is
 * plumbing, outside the lessons' JDK-only rule.
 */
final class Chart {

    private static final int PANEL_WIDTH = 720;
    private static final int HEIGHT = 520;

    private Chart() {
    }

    static void write(Results results, Path file) throws IOException {
        Files.writeString(file, svg(results), StandardCharsets.UTF_8);
    }

    /** The two panels side by side, as an SVG document. */
    static String svg(Results results) {
        SVGGraphics2D svg = new SVGGraphics2D(2 * PANEL_WIDTH, HEIGHT);
        panel(results, "Wall time (median)", "wall time, ms", c -> c.wallMillis())
                .draw(svg, new Rectangle(0, 0, PANEL_WIDTH, HEIGHT));
        panel(results, "Peak RSS of the client process", "peak RSS, MB", c -> c.peakRssKb() / 1024.0)
                .draw(svg, new Rectangle(PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        return svg.getSVGDocument();
    }

    /** A log axis with a tick at each power of ten (1, 10, 100, ...), the values written out. */
    private static LogAxis powersOfTen(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }

    /** Log-axis ticks fall on 10^(k/5) (398, 631, ...): written with two significant digits (400, 630). */
    private static final class TwoSignificantDigits extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final DecimalFormat grouped = new DecimalFormat("#,##0.##");

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition position) {
            return to.append(grouped.format(new BigDecimal(number).round(new MathContext(2))));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
            return format((double) number, to, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            return grouped.parse(source, position);
        }
    }

    /**
     * One colour per pair: a Java stage takes its Python program's colour, unless another Java
     * stage took it first (stage 4 and stage 5 are both held against section 3.2's program; the
     * later one in the table, stage 5, is the true pair, so colours are given from the end).
     */
    private static Map<String, Color> colorsByPair(Results results) {
        Color[] palette = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
        Map<String, Color> byKey = new HashMap<>();
        Map<String, Color> byProgram = new HashMap<>();
        Set<String> pairsTakenByJava = new HashSet<>();
        List<Program> programs = new ArrayList<>(results.programs());
        Collections.reverse(programs);
        for (Program program : programs) {
            String key = program.isPython() ? program.name() : program.pythonPair();
            if (!program.isPython() && !pairsTakenByJava.add(key)) {
                key = program.name();
            }
            byProgram.put(program.name(), byKey.computeIfAbsent(key, k -> palette[byKey.size() % palette.length]));
        }
        return byProgram;
    }

    /** One line of the chart: a Python program, or a Java program in one JVM mode (null for Python). */
    record Line(String name, Program program, JvmMode mode) {
        boolean hasAFigure(Results results) {
            return results.requestCounts().stream().anyMatch(n -> results.cell(program.name(), mode, n).isPresent());
        }
    }

    /**
     * The lines drawn: every Python program; every Java program cold and with the AOT cache, where
     * those modes ran (warm where neither did), an AOT line only where it has a figure.
     */
    static List<Line> lines(Results results) {
        List<JvmMode> drawn = results.modes().stream().filter(mode -> mode != JvmMode.WARM).toList();
        if (drawn.isEmpty()) {
            drawn = List.of(JvmMode.WARM);
        }
        List<Line> lines = new ArrayList<>();
        for (Program program : results.programs()) {
            if (program.isPython()) {
                lines.add(new Line(program.name(), program, null));
                continue;
            }
            for (JvmMode mode : drawn) {
                Line line = new Line(program.name() + " (" + mode.label() + ")", program, mode);
                if (mode != JvmMode.AOT || line.hasAFigure(results)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** A point a line has no figure for, and why, in a few words ("not run", "failed", "disturbed by load"). */
    record Missing(String program, int requests, String why) {
    }

    /** Every point the chart's lines have no figure for, line by line, N by N. */
    static List<Missing> missingPoints(Results results) {
        List<Missing> missing = new ArrayList<>();
        for (Line line : lines(results)) {
            for (int requests : results.requestCounts()) {
                results.problem(line.program().name(), line.mode(), requests)
                        .ifPresent(problem -> missing.add(new Missing(line.name(), requests, Report.shortly(problem))));
            }
        }
        return missing;
    }

    private static JFreeChart panel(Results results, String title, String yLabel, ToDoubleFunction<Results.Cell> figure) {
        XYSeriesCollection lines = new XYSeriesCollection();
        double lowest = Double.MAX_VALUE;
        Map<String, Line> byName = new HashMap<>();
        for (Line drawn : lines(results)) {
            byName.put(drawn.name(), drawn);
            XYSeries line = new XYSeries(drawn.name());
            for (int requests : results.requestCounts()) {
                Optional<Results.Cell> cell = results.cell(drawn.program().name(), drawn.mode(), requests);
                // No figure: a gap in the line (a null), and a mark below (missingMarks).
                Double value = cell.map(c -> figure.applyAsDouble(c)).orElse(null);
                line.add(requests, value);
                if (value != null) {
                    lowest = Math.min(lowest, value);
                }
            }
            if (drawn.hasAFigure(results)) {
                lines.addSeries(line);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "N, concurrent requests (log scale)", yLabel, lines,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        if (results.modes().contains(JvmMode.AOT) && lines(results).stream().noneMatch(l -> l.mode() == JvmMode.AOT)) {
            chart.addSubtitle(new TextTitle("No AOT cache figure in this run: scale.md says why"));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(powersOfTen("N, concurrent requests (log scale)"));
        LogAxis values = new LogAxis(yLabel + " (log scale)");
        values.setBase(10);
        values.setSmallestValue(1);
        values.setNumberFormatOverride(new TwoSignificantDigits());
        plot.setRangeAxis(values);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Map<String, Color> colors = colorsByPair(results);
        for (int series = 0; series < lines.getSeriesCount(); series++) {
            Line line = byName.get(lines.getSeriesKey(series).toString());
            // A Java stage and its Python program share a colour: Java cold solid, with the AOT cache
            // dotted, warm thin; Python dashed.
            renderer.setSeriesPaint(series, colors.get(line.program().name()));
            renderer.setSeriesStroke(series, stroke(line.mode()));
        }
        plot.setRenderer(renderer);
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(renderer.getLegendItems());
        missingMarks(results, plot, colors, lowest == Double.MAX_VALUE ? 100 : lowest, legend);
        plot.setFixedLegendItems(legend);
        return chart;
    }

    private static BasicStroke stroke(JvmMode mode) {
        if (mode == null) {
            return new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
        }
        return switch (mode) {
            case COLD -> new BasicStroke(2.5f);
            case AOT -> new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {1f, 4f}, 0f);
            case WARM -> new BasicStroke(1.2f);
        };
    }

    /**
     * A cross at each N a program has no figure for, in the program's colour, one row per program
     * below the lowest figure (a mark's height is not a value), the row named at its first cross.
     */
    private static void missingMarks(Results results, XYPlot plot, Map<String, Color> colors, double lowest,
                                     LegendItemCollection legend) {
        List<Missing> missing = missingPoints(results);
        if (missing.isEmpty()) {
            return;
        }
        XYSeriesCollection marks = new XYSeriesCollection();
        XYLineAndShapeRenderer crosses = new XYLineAndShapeRenderer(false, true);
        Shape cross = ShapeUtils.createDiagonalCross(5f, 1.2f);
        for (Missing point : missing) {
            int row = marks.getSeriesIndex(point.program());
            if (row < 0) {
                row = marks.getSeriesCount();
                marks.addSeries(new XYSeries(point.program()));
                double height = lowest / Math.pow(1.6, row + 1);
                // Beside the cross, a constant step on the log axis; left of it at the largest N, or it would be cut off.
                boolean last = point.requests() == Collections.max(results.requestCounts());
                XYTextAnnotation name = new XYTextAnnotation(point.program() + ": " + point.why(),
                        last ? point.requests() / 1.3 : point.requests() * 1.3, height);
                name.setTextAnchor(last ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
                name.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                Color color = colors.get(lines(results).stream().filter(line -> line.name().equals(point.program()))
                        .findFirst().orElseThrow().program().name());
                name.setPaint(color);
                plot.addAnnotation(name);
                crosses.setSeriesPaint(row, color);
                crosses.setSeriesShape(row, cross);
                crosses.setSeriesVisibleInLegend(row, false);
            }
            marks.getSeries(row).add(point.requests(), lowest / Math.pow(1.6, row + 1));
        }
        plot.setDataset(1, marks);
        plot.setRenderer(1, crosses);
        legend.add(new LegendItem("no figure at that N (not run, failed or disturbed by load; scale.md says why)",
                null, null, null, cross, Color.DARK_GRAY));
    }
}
