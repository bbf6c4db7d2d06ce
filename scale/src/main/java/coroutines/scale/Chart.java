package coroutines.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
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
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The benchmark's chart: wall time and peak RSS against N, one line per program, N on a log scale.
 * A program's line stops at the last N it answered byte for byte: where its model stops.
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
        SVGGraphics2D svg = new SVGGraphics2D(2 * PANEL_WIDTH, HEIGHT);
        panel(results, "Wall time (median)", "wall time, ms", c -> c.wallMillis())
                .draw(svg, new Rectangle(0, 0, PANEL_WIDTH, HEIGHT));
        panel(results, "Peak RSS of the client process", "peak RSS, MB", c -> c.peakRssKb() / 1024.0)
                .draw(svg, new Rectangle(PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        Files.writeString(file, svg.getSVGDocument(), StandardCharsets.UTF_8);
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

    private static JFreeChart panel(Results results, String title, String yLabel, ToDoubleFunction<Results.Cell> figure) {
        XYSeriesCollection lines = new XYSeriesCollection();
        for (Program program : results.programs()) {
            XYSeries line = new XYSeries(program.name());
            for (int requests : results.requestCounts()) {
                Optional<Results.Cell> cell = results.cell(program.name(), requests);
                if (cell.isEmpty()) {
                    break; // the line stops where the program stopped answering every request
                }
                line.add(requests, figure.applyAsDouble(cell.get()));
            }
            if (!line.isEmpty()) {
                lines.addSeries(line);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "N, concurrent requests (log scale)", yLabel, lines,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
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
            String name = lines.getSeriesKey(series).toString();
            // A Java stage and its Python program share a colour, Java solid and Python dashed.
            renderer.setSeriesPaint(series, colors.get(name));
            renderer.setSeriesStroke(series, name.startsWith("py-")
                    ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
