package dev.driftwise.learner.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.List;
import java.util.Map;

/** w ← w − α g with a fixed α: the simplest real optimizer, for tests until the engine lands. */
public final class FixedStepSgd implements OnlineOptimizer {

    private final ParameterLayout layout;
    private final double alpha;
    private long steps;

    public FixedStepSgd(ParameterLayout layout, double alpha) {
        this.layout = layout;
        this.alpha = alpha;
    }

    public static OptimizerFactory factory(double alpha) {
        return OptimizerFactory.of("sgd(alpha=" + alpha + ")", (layout, manager) -> new FixedStepSgd(layout, alpha));
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public StepReport step(NDList parameters, NDList gradients, StepContext context) {
        layout.check(parameters, "parameters");
        layout.check(gradients, "gradients");
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).subi(gradients.get(i).mul((float) alpha));
            }
        }
        return StepReport.applied(++steps);
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return List.of(new BlockStepSize("all", layout.totalSize(), alpha, Math.log(alpha), alpha, alpha, 0, 0));
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public long skippedSteps() {
        return 0;
    }

    @Override
    public OptimizerSpec spec() {
        return new OptimizerSpec("sgd", Map.of("alpha", Double.toString(alpha)));
    }

    @Override
    public byte[] saveState() {
        return new StateWriter("test-sgd", 1, fingerprint()).writeLong(steps).toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state, "test-sgd", 1, fingerprint());
        long restored = in.readLong();
        in.expectEnd();
        steps = restored;
    }

    private String fingerprint() {
        return "alpha=" + alpha + ";" + layout;
    }

    @Override
    public void close() {}
}
