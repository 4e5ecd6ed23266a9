package dev.driftwise.bench.harness.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression scores: MSE (y − ŷ)² over the samples from {@code tailStart} on (T1: samples
 * 20,001–30,000 of 30,000; T3: the last 10,000 of 100,000), the MSE of the whole stream, and the
 * excess over the noise variance (T3: MSE − σ², with σ² = 1), and as a series the MSE of each
 * consecutive window of {@code window} samples (the loss-over-time chart). The learner's loss is
 * ½(y − ŷ)², so each sample adds 2·loss.
 */
public final class SquaredErrorTail implements TaskScorer {

    private final long tailStart;
    private final double noiseVariance;
    private final boolean excessIsPrimary;
    private final int window;
    private double[] windowSeries = new double[16];
    private int seriesLength;
    private double windowSum;
    private int windowCount;
    private double tailSum;
    private long tailCount;
    private double allSum;
    private long allCount;

    /**
     * @param tailStart first 0-based sample index in the scored tail
     * @param noiseVariance σ² of the label noise (0 for T1)
     * @param excessIsPrimary whether the primary score is the excess MSE (T3) rather than the MSE (T1)
     * @param window samples per point of the {@code windowMse} series
     */
    public SquaredErrorTail(long tailStart, double noiseVariance, boolean excessIsPrimary, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window " + window + ": must be at least 1 sample");
        }
        this.tailStart = tailStart;
        this.noiseVariance = noiseVariance;
        this.excessIsPrimary = excessIsPrimary;
        this.window = window;
    }

    @Override
    public void record(long index, int driftIndex, double loss, boolean correct) {
        double squared = 2 * loss;
        allSum += squared;
        allCount++;
        if (index >= tailStart) {
            tailSum += squared;
            tailCount++;
        }
        windowSum += squared;
        if (++windowCount == window) {
            if (seriesLength == windowSeries.length) {
                windowSeries = Arrays.copyOf(windowSeries, seriesLength * 2);
            }
            windowSeries[seriesLength++] = windowSum / window;
            windowSum = 0;
            windowCount = 0;
        }
    }

    @Override
    public Map<String, Double> scores() {
        double mse = tailCount == 0 ? Double.NaN : tailSum / tailCount;
        Map<String, Double> out = new LinkedHashMap<>();
        if (excessIsPrimary) {
            out.put("excessMse", mse - noiseVariance);
            out.put("mse", mse);
        } else {
            out.put("mse", mse);
        }
        out.put("mseWholeStream", allCount == 0 ? Double.NaN : allSum / allCount);
        return out;
    }

    /** {@code windowMse}: the MSE of samples [k·window, (k+1)·window) for every complete window k. */
    @Override
    public Map<String, double[]> series() {
        return Map.of("windowMse", Arrays.copyOf(windowSeries, seriesLength));
    }
}
