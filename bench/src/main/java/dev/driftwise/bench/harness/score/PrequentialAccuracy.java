package dev.driftwise.bench.harness.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classification scores (T5 and the base of T6, T7): prequential accuracy over the whole stream,
 * over a sliding window (its last value, its lowest full-window value, and its value every
 * {@code window} samples as a series), and the mean log-loss (the learner's logistic or
 * cross-entropy loss before the update). With a score window ({@code scoreFrom} &gt; 0, bench
 * {@code --score-from}) accuracy and log-loss count the samples from that index on, and
 * {@code accuracyWholeStream} keeps the whole stream's; the lowest window accuracy counts windows
 * inside the score window, the window series runs over every sample.
 */
public final class PrequentialAccuracy implements TaskScorer {

    private final int window;
    private final long scoreFrom;
    private final SlidingAccuracy sliding;
    private long seen;
    private long seenCorrect;
    private long count;
    private long correct;
    private double lossSum;
    private double lowestWindow = Double.NaN;
    private double[] windowSeries = new double[16];
    private int seriesLength;

    public PrequentialAccuracy(int window) {
        this(window, 0);
    }

    /** @param scoreFrom 0-based index of the first sample that accuracy and log-loss count */
    public PrequentialAccuracy(int window, long scoreFrom) {
        this.window = window;
        this.scoreFrom = scoreFrom;
        this.sliding = new SlidingAccuracy(window);
    }

    @Override
    public void record(long index, int driftIndex, double loss, boolean isCorrect) {
        seen++;
        seenCorrect += isCorrect ? 1 : 0;
        if (index >= scoreFrom) {
            count++;
            lossSum += loss;
            correct += isCorrect ? 1 : 0;
        }
        sliding.add(isCorrect);
        if (sliding.full() && index + 1 - window >= scoreFrom) { // the lowest window lies inside the score window
            double w = sliding.value();
            if (Double.isNaN(lowestWindow) || w < lowestWindow) {
                lowestWindow = w;
            }
        }
        if (seen % window == 0) {
            if (seriesLength == windowSeries.length) {
                windowSeries = Arrays.copyOf(windowSeries, seriesLength * 2);
            }
            windowSeries[seriesLength++] = sliding.value();
        }
    }

    /** Accuracy of the last {@code window} samples so far. */
    double windowAccuracy() {
        return sliding.value();
    }

    boolean windowFull() {
        return sliding.full();
    }

    @Override
    public Map<String, Double> scores() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", count == 0 ? Double.NaN : (double) correct / count);
        out.put("lastWindowAccuracy", sliding.value());
        out.put("lowestWindowAccuracy", lowestWindow);
        out.put("logLoss", count == 0 ? Double.NaN : lossSum / count);
        if (scoreFrom > 0) {
            out.put("accuracyWholeStream", seen == 0 ? Double.NaN : (double) seenCorrect / seen);
        }
        return out;
    }

    @Override
    public Map<String, double[]> series() {
        return Map.of("windowAccuracy", Arrays.copyOf(windowSeries, seriesLength));
    }
}
