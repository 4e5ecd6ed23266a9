package dev.driftwise.metaoptimize;

/** σ: how the meta-parameters β become step sizes α (spec §1.3). */
public enum StepSizeMap {
    /** α = exp(β): multiplicative adaptation, α stays positive; the paper's and IDBD's choice. */
    EXP,
    /** α = β: additive adaptation, as in hypergradient descent (spec §5.4); α may reach 0 or below. */
    IDENTITY
}
