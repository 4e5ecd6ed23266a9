package dev.driftwise.bench.harness.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * T2, level tracking: how close a learner comes to the best tracker of each segment's walk rate σ_k
 * ({@link RandomWalkOptimum}). A segment is the stretch of one generator drift index (segment k =
 * drift index k); its first {@code burnIn} samples (5 % of a segment) are left out of the per-segment
 * scores, so they judge the tracking once adapted and the whole-stream MSE judges the start-up.
 * <ul>
 *   <li>{@code mse}: (y − ŷ)² over the whole stream, start-up included (primary);
 *   <li>{@code meanExcessRatio}: the mean over segments of MSE_k / (1 + P(σ_k)), 1 at the optimum;
 *   <li>{@code meanAbsLogAlphaRatio}: the mean over the scored samples of |ln(α / α*(σ_k))|, with α
 *       the optimizer's step size after the step that learned the sample (0 at the optimum, ln 2 =
 *       0.69 for a step off by a factor 2);
 *   <li>{@code alphaNotPositive}: the fraction of scored samples whose α was ≤ 0 (an additive
 *       hypergradient can cross 0), left out of the mean above.
 * </ul>
 * Series: {@code windowMse}, and per segment with scored samples {@code segmentSigma},
 * {@code segmentExcessRatio}, {@code segmentMeanAbsLogAlphaRatio}.
 */
public final class TrackingOptimality implements TaskScorer {

    private final SquaredErrorTail squared;
    private final IntToDoubleFunction sigmaOfSegment;
    private final long burnIn;
    private double alpha = Double.NaN;
    private int segment = -1;
    private long segmentStart;
    private double sigma;
    private double bestMse;
    private double bestStep;
    private double segmentSquares;
    private long segmentCount;
    private double segmentLogs;
    private long segmentLogCount;
    private double logs;
    private long logCount;
    private long notPositive;
    private double[][] perSegment = new double[3][16]; // σ_k, excess ratio, mean |ln α/α*|
    private int segments;

    /**
     * @param sigmaOfSegment σ_k of segment k, from the generator's ground truth
     * @param burnIn samples at the start of each segment left out of the per-segment scores
     * @param window samples per point of the {@code windowMse} series
     */
    public TrackingOptimality(IntToDoubleFunction sigmaOfSegment, long burnIn, int window) {
        if (burnIn < 0) {
            throw new IllegalArgumentException("burn-in " + burnIn + ": must be ≥ 0 samples");
        }
        this.squared = new SquaredErrorTail(0, 0, false, window);
        this.sigmaOfSegment = sigmaOfSegment;
        this.burnIn = burnIn;
    }

    @Override
    public boolean judgesStepSize() {
        return true;
    }

    @Override
    public void learnedWith(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public void record(long index, int driftIndex, double loss, boolean correct) {
        squared.record(index, driftIndex, loss, correct);
        if (driftIndex != segment) {
            closeSegment();
            segment = driftIndex;
            segmentStart = index;
            sigma = sigmaOfSegment.applyAsDouble(driftIndex);
            bestMse = 1 + RandomWalkOptimum.excess(sigma);
            bestStep = RandomWalkOptimum.bestStepSize(sigma);
        }
        if (index - segmentStart < burnIn) {
            return;
        }
        segmentSquares += 2 * loss; // the learner's loss is ½(y − ŷ)²
        segmentCount++;
        if (alpha > 0 && bestStep > 0) {
            segmentLogs += Math.abs(Math.log(alpha / bestStep));
            segmentLogCount++;
        } else {
            notPositive++;
        }
    }

    /** Appends the segment that just ended to the per-segment values, if any of its samples were scored. */
    private void closeSegment() {
        if (segmentCount > 0) {
            if (segments == perSegment[0].length) {
                for (int i = 0; i < perSegment.length; i++) {
                    perSegment[i] = Arrays.copyOf(perSegment[i], segments * 2);
                }
            }
            double[] values = openSegment();
            for (int i = 0; i < perSegment.length; i++) {
                perSegment[i][segments] = values[i];
            }
            segments++;
            logs += segmentLogs;
            logCount += segmentLogCount;
        }
        segmentSquares = 0;
        segmentCount = 0;
        segmentLogs = 0;
        segmentLogCount = 0;
    }

    /** σ_k, excess ratio and mean |ln α/α*| of the segment in progress. */
    private double[] openSegment() {
        return new double[] {sigma, segmentSquares / segmentCount / bestMse,
                segmentLogCount == 0 ? Double.NaN : segmentLogs / segmentLogCount};
    }

    /** Per-segment values of the finished segments and the one in progress: σ_k, excess ratio, mean |ln α/α*|. */
    private double[][] segmentValues() {
        int n = segments + (segmentCount > 0 ? 1 : 0);
        double[][] out = new double[perSegment.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(perSegment[i], n);
        }
        if (n > segments) {
            double[] open = openSegment();
            for (int i = 0; i < out.length; i++) {
                out[i][segments] = open[i];
            }
        }
        return out;
    }

    @Override
    public Map<String, Double> scores() {
        double[] ratios = segmentValues()[1];
        double sum = 0;
        for (double r : ratios) {
            sum += r;
        }
        long logSamples = logCount + segmentLogCount;
        long scored = logSamples + notPositive;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("mse", squared.scores().get("mseWholeStream"));
        out.put("meanExcessRatio", ratios.length == 0 ? Double.NaN : sum / ratios.length);
        out.put("meanAbsLogAlphaRatio", logSamples == 0 ? Double.NaN : (logs + segmentLogs) / logSamples);
        out.put("alphaNotPositive", scored == 0 ? Double.NaN : (double) notPositive / scored);
        return out;
    }

    @Override
    public Map<String, double[]> series() {
        double[][] values = segmentValues();
        Map<String, double[]> out = new LinkedHashMap<>(squared.series());
        out.put("segmentSigma", values[0]);
        out.put("segmentExcessRatio", values[1]);
        out.put("segmentMeanAbsLogAlphaRatio", values[2]);
        return out;
    }
}
