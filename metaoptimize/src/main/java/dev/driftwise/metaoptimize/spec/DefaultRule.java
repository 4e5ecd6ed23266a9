package dev.driftwise.metaoptimize.spec;

import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;

/**
 * How {@code default} picks a configuration from what the job knows about the model
 * (docs/benchmarks.md, "The default"). Snapshots record the concrete configuration it resolved to.
 */
final class DefaultRule {

    private DefaultRule() {}

    /**
     * The stream default chosen on the drift benchmarks: Adam wrapped by a Lion meta update, one step size
     * for the model, α0 = 1e-3, η = 1e-3, γ = 0.999, Hessian-free trace, and a floor α ≥ 3e-5.
     */
    static MetaOptimizeBuilder choose(ModelFacts facts) {
        return new MetaOptimizeBuilder().optBase(BaseAlgorithm.ADAM).optMeta(MetaAlgorithm.LION)
                .optBlocks(StepSizeBlocks.scalar()).optInitialStepSize(1e-3).optMetaStepSize(1e-3).optDiscount(0.999)
                .optTrace(TraceKind.HESSIAN_FREE).optStepSizeBounds(3e-5, Double.NaN);
    }
}
