package dev.driftwise.metaoptimize;

/**
 * The state of one step-size block after a step: what a step-size snapshot publishes.
 * For a per-weight block α and β summarise the block's weights (geometric mean of α, mean of β)
 * and {@code alphaMin}/{@code alphaMax} give the spread; for a scalar block the three α agree.
 *
 * @param block block name (a tensor name, a user block name, or "all" for scalar)
 * @param size number of weights in the block
 * @param alpha the block's step size α = σ(β) (geometric mean for per-weight blocks)
 * @param beta the meta-parameter β (mean for per-weight blocks)
 * @param alphaMin smallest α in the block
 * @param alphaMax largest α in the block
 * @param metaGradient the last meta-gradient z of this block (sum over per-weight entries)
 * @param traceNorm L2 norm of the block's trace h after the last step
 */
public record BlockStepSize(
        String block,
        long size,
        double alpha,
        double beta,
        double alphaMin,
        double alphaMax,
        double metaGradient,
        double traceNorm) {}
