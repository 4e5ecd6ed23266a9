package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.ParameterLayout;

/** Summarises one tensor's per-weight step sizes as a {@link BlockStepSize} (α as geometric mean). */
final class PerWeightStepSizes {

    private PerWeightStepSizes() {}

    /** Before the first step: every weight at α0. */
    static BlockStepSize initial(ParameterLayout.Entry entry, double alpha0) {
        return new BlockStepSize(entry.name(), entry.size(), alpha0, Math.log(alpha0), alpha0, alpha0, 0, 0);
    }

    /**
     * @param logAlpha β = ln α per weight
     * @param metaGradient Σ_i z_i of the last step
     * @param trace the per-weight trace h
     */
    static BlockStepSize of(ParameterLayout.Entry entry, NDArray logAlpha, double metaGradient, NDArray trace) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            double meanBeta = scalar(logAlpha.mean());
            return new BlockStepSize(
                    entry.name(),
                    entry.size(),
                    Math.exp(meanBeta),
                    meanBeta,
                    Math.exp(scalar(logAlpha.min())),
                    Math.exp(scalar(logAlpha.max())),
                    metaGradient,
                    scalar(trace.norm()));
        }
    }

    static double scalar(NDArray value) {
        return value.toType(DataType.FLOAT64, false).getDouble();
    }
}
