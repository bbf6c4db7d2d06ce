package coroutines.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
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
        LogAxis requestsAxis = new LogAxis("N, concurrent requests (log scale)");
        requestsAxis.setBase(10);
        requestsAxis.setSmallestValue(1);
        requestsAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setDomainAxis(requestsAxis);
        LogAxis valueAxis = new LogAxis(yLabel + " (log scale)");
        valueAxis.setBase(10);
        valueAxis.setSmallestValue(1);
        valueAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setRangeAxis(valueAxis);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int series = 0; series < lines.getSeriesCount(); series++) {
            boolean python = lines.getSeriesKey(series).toString().startsWith("py-");
            // Python programs dashed, Java solid: the pairs read at a glance.
            renderer.setSeriesStroke(series, python
                    ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
