package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.ParameterLayout;

/** Per-tensor summaries of per-weight step sizes held as α (not β): what a step-size snapshot publishes. */
final class PerWeightSummary {

    private PerWeightSummary() {}

    static BlockStepSize of(ParameterLayout layout, int p, double[] alpha, double[] z, double[] h) {
        int from = layout.offset(p);
        int size = layout.get(p).size();
        double logSum = 0;
        double zSum = 0;
        double norm = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + size; i++) {
            logSum += Math.log(alpha[i]);
            zSum += z[i];
            norm += h[i] * h[i];
            min = Math.min(min, alpha[i]);
            max = Math.max(max, alpha[i]);
        }
        double meanBeta = logSum / size;
        return new BlockStepSize(layout.get(p).name(), size, Math.exp(meanBeta), meanBeta, min, max, zSum, Math.sqrt(norm));
    }

    static double[] geometricMeans(ParameterLayout layout, double[] alpha) {
        double[] out = new double[layout.count()];
        for (int p = 0; p < out.length; p++) {
            double logSum = 0;
            int size = layout.get(p).size();
            for (int i = layout.offset(p); i < layout.offset(p) + size; i++) {
                logSum += Math.log(alpha[i]);
            }
            out[p] = Math.exp(logSum / size);
        }
        return out;
    }

    static double[] sums(ParameterLayout layout, double[] values) {
        double[] out = new double[layout.count()];
        for (int p = 0; p < out.length; p++) {
            for (int i = layout.offset(p); i < layout.offset(p) + layout.get(p).size(); i++) {
                out[p] += values[i];
            }
        }
        return out;
    }
}
