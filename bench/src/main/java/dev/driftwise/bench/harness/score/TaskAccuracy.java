package dev.driftwise.bench.harness.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T7: accuracy per task (a task lasts from one drift to the next), accuracy over the first
 * {@code firstSamples} samples of each task (how fast the learner re-adapts), and the least-squares
 * slope of per-task accuracy against the task index (negative: loss of plasticity).
 */
public final class TaskAccuracy implements TaskScorer {

    private final PrequentialAccuracy accuracy;
    private final int firstSamples;
    private final List<double[]> tasks = new ArrayList<>(); // {samples, correct, firstSamples seen, first correct}
    private int currentTask = -1;

    public TaskAccuracy(int window, int firstSamples) {
        this.accuracy = new PrequentialAccuracy(window);
        this.firstSamples = firstSamples;
    }

    @Override
    public void record(long index, int driftIndex, double loss, boolean correct) {
        accuracy.record(index, driftIndex, loss, correct);
        if (driftIndex != currentTask) {
            currentTask = driftIndex;
            tasks.add(new double[4]);
        }
        double[] t = tasks.get(tasks.size() - 1);
        t[0]++;
        t[1] += correct ? 1 : 0;
        if (t[0] <= firstSamples) {
            t[2]++;
            t[3] += correct ? 1 : 0;
        }
    }

    @Override
    public Map<String, Double> scores() {
        Map<String, Double> out = new LinkedHashMap<>(accuracy.scores());
        double[] perTask = column(1);
        double[] first = column(3);
        out.put("meanTaskAccuracy", mean(perTask));
        out.put("meanFirstSamplesAccuracy", mean(first));
        out.put("taskAccuracySlope", slope(perTask));
        return out;
    }

    @Override
    public Map<String, double[]> series() {
        Map<String, double[]> out = new LinkedHashMap<>(accuracy.series());
        out.put("taskAccuracy", column(1));
        out.put("taskFirstSamplesAccuracy", column(3));
        return out;
    }

    private double[] column(int correctColumn) {
        double[] out = new double[tasks.size()];
        for (int i = 0; i < out.length; i++) {
            double[] t = tasks.get(i);
            out[i] = t[correctColumn] / t[correctColumn - 1];
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Ordinary least-squares slope of v[i] on i (accuracy per task index). */
    static double slope(double[] v) {
        int n = v.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = mean(v);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (v[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return sxy / sxx;
    }
}
