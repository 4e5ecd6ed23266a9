package dev.driftwise.bench.harness.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T6: prequential accuracy plus the <b>recovery time</b> after each drift: the samples from the
 * start of the drift (the generator's drift index steps up: at p for an abrupt drift, at p − w for a
 * gradual one) until the window accuracy, having fallen more than {@code tolerance} below its
 * level just before the drift, is back within {@code tolerance} of it. A drift that never pulls
 * the window accuracy down that far recovers in 0 samples; one that has not recovered when the next
 * drift starts (or the stream ends) counts as not recovered (NaN in the series).
 */
public final class DriftRecovery implements TaskScorer {

    private final PrequentialAccuracy accuracy;
    private final double tolerance;
    private final List<Double> recoveries = new ArrayList<>();
    private int lastDriftIndex;
    private double preDriftLevel = Double.NaN;
    private long driftStart = -1;
    private boolean dropped;
    private boolean open;

    /** @param tolerance accuracy points as a fraction (0.01 = one point) */
    public DriftRecovery(int window, double tolerance) {
        this.accuracy = new PrequentialAccuracy(window);
        this.tolerance = tolerance;
    }

    @Override
    public void record(long index, int driftIndex, double loss, boolean correct) {
        if (driftIndex != lastDriftIndex) {
            closeOpenDrift();
            lastDriftIndex = driftIndex;
            open = accuracy.windowFull();
            preDriftLevel = accuracy.windowAccuracy();
            driftStart = index;
            dropped = false;
        }
        accuracy.record(index, driftIndex, loss, correct);
        if (open) {
            double now = accuracy.windowAccuracy();
            if (now < preDriftLevel - tolerance) {
                dropped = true;
            } else if (dropped) {
                recoveries.add((double) (index + 1 - driftStart));
                open = false;
            }
        }
    }

    private void closeOpenDrift() {
        if (open) {
            recoveries.add(dropped ? Double.NaN : 0.0);
            open = false;
        }
    }

    @Override
    public Map<String, Double> scores() {
        Map<String, Double> out = new LinkedHashMap<>(accuracy.scores());
        double[] r = series().get("recoverySamples");
        double sum = 0;
        int recovered = 0;
        for (double v : r) {
            if (!Double.isNaN(v)) {
                sum += v;
                recovered++;
            }
        }
        out.put("meanRecoverySamples", recovered == 0 ? Double.NaN : sum / recovered);
        out.put("driftsNotRecovered", (double) (r.length - recovered));
        return out;
    }

    @Override
    public Map<String, double[]> series() {
        List<Double> all = new ArrayList<>(recoveries);
        if (open) {
            all.add(dropped ? Double.NaN : 0.0);
        }
        Map<String, double[]> out = new LinkedHashMap<>(accuracy.series());
        out.put("recoverySamples", all.stream().mapToDouble(Double::doubleValue).toArray());
        return out;
    }
}
