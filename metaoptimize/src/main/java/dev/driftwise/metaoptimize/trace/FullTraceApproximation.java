package dev.driftwise.metaoptimize.trace;

/** Structural approximation of the full trace (spec §4.3). */
public enum FullTraceApproximation {
    /** L approximation: the meta sensitivity Y ≡ I. */
    L,
    /**
     * 2×2 approximation: Y carried as {@code Y' = γY + (1−γ)I − γη Hᵀ∇²f H} (meta SGD, spec §2.1);
     * for meta Lion and fixed it coincides with L (their dβ'/dβ = I and dβ'/dx = 0).
     */
    TWO_BY_TWO
}
