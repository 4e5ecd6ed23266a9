package dev.driftwise.cli.progress;

import java.util.Locale;
import java.util.Map;

/**
 * One progress line per stream: samples, samples/s, window loss and accuracy, α and the model
 * version, from what the job has committed so far.
 */
public final class ProgressLines {

    private ProgressLines() {}

    public static String line(StreamHistory h, double elapsedSeconds) {
        StreamHistory.MetricsPoint m = h.latestMetrics();
        if (m == null) {
            return String.format(Locale.ROOT, "[%5.0fs] %-11s waiting for the first committed metrics…", elapsedSeconds, h.streamId());
        }
        return String.format(Locale.ROOT, "[%5.0fs] %-11s samples %,9d  %7.0f/s  loss %.4f  acc %s  %s  model v%d  concept %s",
                elapsedSeconds, h.streamId(), m.samples(), m.samplesPerSecond(), m.windowLoss(),
                m.windowAccuracy() == null ? "  -  " : String.format(Locale.ROOT, "%.3f", m.windowAccuracy()),
                alpha(h.latestAlphas()), h.latestModelVersion(), m.conceptId() == null ? "-" : m.conceptId().toString());
    }

    /** α as one number, or for several blocks the geometric mean with the range. */
    static String alpha(StreamHistory.AlphaPoint a) {
        if (a == null || a.alphaByBlock().isEmpty()) {
            return "α    -    ";
        }
        Map<String, Double> blocks = a.alphaByBlock();
        if (blocks.size() == 1) {
            return String.format(Locale.ROOT, "α %.3e", blocks.values().iterator().next());
        }
        double logSum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : blocks.values()) {
            logSum += Math.log(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return String.format(Locale.ROOT, "α %d blocks gmean %.3e [%.2e..%.2e]", blocks.size(),
                Math.exp(logSum / blocks.size()), min, max);
    }
}
