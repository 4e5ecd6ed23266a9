package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;

/** Names the input that made a step non-finite; runs only on the (rare) skip path. */
final class NonFiniteInputs {

    private NonFiniteInputs() {}

    static String describe(ParameterLayout layout, NDList gradients, StepContext context) {
        String bad = firstNonFinite(layout, gradients, "gradient");
        if (bad == null && context.diagonalHessian() != null) {
            bad = firstNonFinite(layout, context.diagonalHessian(), "diagonal Hessian");
        }
        return bad != null
                ? "non-finite " + bad + "; step skipped, parameters and optimizer state unchanged"
                : "non-finite update (step sizes or meta-gradient overflowed); step skipped, parameters and optimizer state unchanged";
    }

    private static String firstNonFinite(ParameterLayout layout, NDList arrays, String what) {
        for (int i = 0; i < arrays.size(); i++) {
            NDArray a = arrays.get(i);
            // a − a is 0 for finite entries and NaN for ±∞ or NaN
            if (!Double.isFinite(a.sub(a).sum().toType(DataType.FLOAT64, false).getDouble())) {
                return what + " of '" + layout.get(i).name() + "'";
            }
        }
        return null;
    }
}
