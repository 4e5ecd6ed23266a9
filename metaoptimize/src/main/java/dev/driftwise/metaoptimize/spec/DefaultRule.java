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

    /** Floor under every α (standardised inputs): an input irrelevant for a long time still moves when it matters again. */
    static final double ALPHA_MIN = 3e-5;

    /** Ceiling on the regression default's per-weight α: exp(β) stays finite on inputs constant for long stretches. */
    static final double REGRESSION_ALPHA_MAX = 10;

    /**
     * Every default restarts its step sizes when the gradient's energy jumps a hundredfold over its long-run
     * level (an abrupt drift): on a linear regression that drifted after 40,000 stationary samples the default
     * went from 53 times the best fixed SGD step's MSE to 1.04 times, and on T7 (a new input permutation every
     * 10,000 samples) accuracy rose from 0.735 to 0.778 and log-loss fell from 3.8 to 0.93; T1, T2, T3, T5, T6
     * and T7-mlp did not move. 20 also restarted on columns that change after long constant stretches (the
     * stretches CSV +4.5 %); 100 still costs that stream 1.7 % (docs/benchmarks.md, "The default"). A restart
     * returns α to the rule's own starting point ({@code restart-alpha}: 1 under the cap, 1e-3 for Adam), not to an
     * α0 a user sets: restarting T7 to α0 = 1e-6 or 0.01 cost 9–12 points of accuracy.
     */
    static final double RESTART_RATIO = 100;

    /**
     * Regression on a one-layer model (the learner hands the exact diagonal Hessian to every step): SGD with
     * one step size per weight, a Lion meta update whose η grows while its direction holds (up to 0.1), the
     * IDBD-like diagonal-Hessian trace with γ = 0.9, and α0 = 1 under the stability cap (each step scaled so
     * that Σ α_i ∂²f/∂w_i² ≤ 1: the first step is normalised LMS whatever the inputs' scale), and α ≥ 3e-5
     * (it beat 1e-6 on T3 and on columns constant for long stretches, and 1e-4 on T3; without a floor those
     * columns' α died and the MSE rose from 0.28 to 0.75). The floor assumes inputs near unit scale, as the
     * learner's standardisation (on by default) makes them: on raw inputs far from it, {@code alpha-min=none}
     * (else the floor holds every step of a 1e5-scale column at the cap). And α ≤ 10: on unit-scale inputs the
     * cap makes any α past 1/Σx² act as 1/Σx², but nothing else stops α of a column that stays constant for
     * 10,000 samples from growing until exp(β) overflows (the stretches CSV with {@code --standardize false} went
     * NaN at sample 278,687; with the ceiling it learns, MSE 0.291 against the best fixed SGD step's 0.264, and no
     * other task or CSV moved).
     *
     * <p>Classification and MLPs: Adam wrapped by a Lion meta update with one step size for the model,
     * α0 = 1e-3, η = 1e-3 growing up to 0.01, γ = 0.999, Hessian-free trace and 3e-5 ≤ α ≤ 0.01 (Adam's step does
     * not depend on the scale of the gradients, so its α0 needs no search). An SGD base loses there: a
     * sign-based meta update follows the median meta-gradient, and under a logistic loss most samples (the
     * well-classified ones) ask for a smaller α, so α sank 30× below the best fixed step on the rotating
     * hyperplane. The growth bound is the measured edge: 0.01 lifted T7 from 0.671 to 0.727 (the best fixed
     * SGD step 0.733), 0.03 and 0.05 went on to 0.738 and 0.708 ± 0.019, 0.1 fell to 0.55, and on small
     * stationary data and the MLP task every step past 0.01 cost accuracy. The ceiling 0.01 (about a
     * standard Adam step of 0.1) kept T7's α from climbing task after task: accuracy 0.727 → 0.736, log-loss
     * 8.3 → 3.8, and changed T5 and T6 by less than 0.0001 (docs/benchmarks.md, "The default").
     */
    static MetaOptimizeBuilder choose(ModelFacts facts) {
        if (facts.diagonalHessian() && facts.regression()) {
            return new MetaOptimizeBuilder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.LION)
                    .optBlocks(StepSizeBlocks.perWeight()).optTrace(TraceKind.DIAGONAL_HESSIAN).optDiscount(0.9)
                    .optInitialStepSize(1).optMetaStepSize(1e-3).optEtaMax(0.1).optStabilityCap(true)
                    .optStepSizeBounds(ALPHA_MIN, REGRESSION_ALPHA_MAX).optRestartRatio(RESTART_RATIO)
                    .optRestartAlpha(1);
        }
        return new MetaOptimizeBuilder().optBase(BaseAlgorithm.ADAM).optMeta(MetaAlgorithm.LION)
                .optBlocks(StepSizeBlocks.scalar()).optInitialStepSize(1e-3).optMetaStepSize(1e-3).optEtaMax(0.01)
                .optDiscount(0.999).optTrace(TraceKind.HESSIAN_FREE).optStepSizeBounds(ALPHA_MIN, 0.01)
                .optRestartRatio(RESTART_RATIO).optRestartAlpha(1e-3);
    }
}
