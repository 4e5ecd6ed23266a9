package dev.driftwise.learner.testing;

import ai.djl.ndarray.NDList;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import java.util.List;

/**
 * Fixed-step SGD that also exercises the step context the way curvature-hungry optimizers do:
 * it asks for the gradient at the current weights (must equal the step's gradients) and checks
 * the diagonal Hessian has the layout's shapes. Records what it saw for the test to assert.
 */
public final class ContextCheckingSgd implements OnlineOptimizer {

    private final FixedStepSgd sgd;
    private final boolean expectDiagonalHessian;
    public double maxGradientFunctionError;
    public int diagonalHessiansSeen;

    private ContextCheckingSgd(ParameterLayout layout, double alpha, boolean expectDiagonalHessian) {
        this.sgd = new FixedStepSgd(layout, alpha);
        this.expectDiagonalHessian = expectDiagonalHessian;
    }

    /** The factory, and (after the learner built it) the instance, via {@code holder[0]}. */
    public static OptimizerFactory factory(double alpha, boolean diagonalHessian, ContextCheckingSgd[] holder) {
        OptimizerFactory f = OptimizerFactory.of("context-checking-sgd(alpha=" + alpha + ")", (layout, manager) -> {
            holder[0] = new ContextCheckingSgd(layout, alpha, diagonalHessian);
            return holder[0];
        });
        return diagonalHessian ? f.withDiagonalHessian() : f;
    }

    @Override
    public StepReport step(NDList parameters, NDList gradients, StepContext context) {
        if (expectDiagonalHessian) {
            layout().check(context.diagonalHessianIfAny().orElseThrow(() -> new AssertionError("no diagonal Hessian")),
                    "diagonal Hessian");
            diagonalHessiansSeen++;
        }
        try (NDList again = context.gradientFunctionIfAny().orElseThrow().gradientAt(parameters)) {
            for (int i = 0; i < again.size(); i++) {
                float[] a = again.get(i).toFloatArray();
                float[] g = gradients.get(i).toFloatArray();
                for (int j = 0; j < a.length; j++) {
                    maxGradientFunctionError = Math.max(maxGradientFunctionError, Math.abs(a[j] - g[j]));
                }
            }
        }
        return sgd.step(parameters, gradients, context);
    }

    @Override
    public ParameterLayout layout() {
        return sgd.layout();
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return sgd.stepSizes();
    }

    @Override
    public long stepCount() {
        return sgd.stepCount();
    }

    @Override
    public long skippedSteps() {
        return 0;
    }

    @Override
    public OptimizerSpec spec() {
        return sgd.spec();
    }

    @Override
    public byte[] saveState() {
        return sgd.saveState();
    }

    @Override
    public void restoreState(byte[] state) {
        sgd.restoreState(state);
    }

    @Override
    public void close() {}
}
