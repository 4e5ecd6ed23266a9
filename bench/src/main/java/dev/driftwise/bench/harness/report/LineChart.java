package dev.driftwise.bench.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** One JFreeChart line chart of the bench: named lines, optional log axes, drift marks and reference levels. */
final class LineChart {

    /** A named line; points with a non-finite or (on a log axis) non-positive value are left out. */
    record Line(String name, double[] x, double[] y, boolean dashed) {}

    /** A horizontal reference line. */
    record Level(double value, String label) {}

    private static final Paint[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(214, 39, 40), Color.BLACK, new Color(0, 0, 128),
        new Color(128, 128, 0), new Color(0, 128, 128), new Color(255, 215, 0), new Color(128, 0, 0)};

    private LineChart() {
    }

    static JFreeChart build(String title, String subtitle, String xLabel, String yLabel, boolean logX, boolean logY,
                            List<Line> lines, double[] drifts, List<Level> levels) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, logX);
        for (Line line : lines) {
            XYSeries s = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                double x = line.x()[i];
                double y = line.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0)) {
                    s.add(x, y);
                }
            }
            int k = data.getSeriesCount();
            data.addSeries(s);
            renderer.setSeriesPaint(k, COLOURS[k % COLOURS.length]);
            renderer.setSeriesStroke(k, line.dashed()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(data, axis(xLabel, logX), axis(yLabel, logY), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (double d : drifts) {
            plot.addDomainMarker(new ValueMarker(d, new Color(220, 0, 0, 110), new BasicStroke(1f)));
        }
        for (Level level : levels) {
            ValueMarker m = new ValueMarker(level.value(), Color.DARK_GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            m.setLabel(level.label());
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setSmallestValue(1e-12);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }
}
