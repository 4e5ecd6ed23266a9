package dev.driftwise.cli.report;

import dev.driftwise.cli.progress.StreamHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The two charts of a stream, over samples seen: window loss (left axis) and accuracy (right axis),
 * and α per block on a log axis; both with the drifts marked as vertical lines.
 */
public final class StreamCharts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;

    private StreamCharts() {}

    /** The loss/accuracy chart, built from the history (its datasets are what the PNG shows). */
    public static JFreeChart lossChart(StreamHistory h) {
        XYSeries loss = new XYSeries("window loss");
        XYSeries accuracy = new XYSeries("window accuracy");
        for (StreamHistory.MetricsPoint p : h.metrics()) {
            loss.add(p.samples(), p.windowLoss());
            if (p.windowAccuracy() != null) {
                accuracy.add(p.samples(), p.windowAccuracy());
            }
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(loss), new NumberAxis("samples seen"), new NumberAxis("loss"),
                new XYLineAndShapeRenderer(true, false));
        if (accuracy.getItemCount() > 0) {
            NumberAxis accAxis = new NumberAxis("accuracy");
            accAxis.setRange(0, 1);
            plot.setRangeAxis(1, accAxis);
            plot.setDataset(1, new XYSeriesCollection(accuracy));
            plot.mapDatasetToRangeAxis(1, 1);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, new Color(0, 130, 60));
            plot.setRenderer(1, r);
        }
        markDrifts(plot, h);
        return chart(h.streamId() + ": prequential loss and accuracy", plot);
    }

    /** The α chart: one series per block (log scale, α > 0). */
    public static JFreeChart alphaChart(StreamHistory h) {
        XYSeriesCollection series = new XYSeriesCollection();
        for (StreamHistory.AlphaPoint p : h.alphas()) {
            p.alphaByBlock().forEach((block, alpha) -> {
                if (alpha > 0 && Double.isFinite(alpha)) {
                    series(series, block).add(p.samples(), alpha);
                }
            });
        }
        LogAxis alphaAxis = new LogAxis("α (log scale)");
        alphaAxis.setSmallestValue(1e-12);
        XYPlot plot = new XYPlot(series, new NumberAxis("samples seen"), alphaAxis, new XYLineAndShapeRenderer(true, false));
        markDrifts(plot, h);
        return chart(h.streamId() + ": step sizes α", plot);
    }

    private static XYSeries series(XYSeriesCollection c, String key) {
        int i = c.getSeriesIndex(key);
        if (i >= 0) {
            return c.getSeries(i);
        }
        XYSeries s = new XYSeries(key);
        c.addSeries(s);
        return s;
    }

    private static void markDrifts(XYPlot plot, StreamHistory h) {
        for (StreamHistory.Drift d : h.drifts()) {
            ValueMarker m = new ValueMarker(d.samples(), Color.RED, new BasicStroke(1.5f));
            m.setLabel("#" + d.index());
            plot.addDomainMarker(m);
        }
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle("red lines: drifts begin (generator ground truth; x = the stream's sample number)"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static void writePng(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
