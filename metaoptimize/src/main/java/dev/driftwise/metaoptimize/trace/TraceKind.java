package dev.driftwise.metaoptimize.trace;

/** How the trace h ≈ dw/dβ is carried (spec §2.0, §2.6, §5.2). */
public enum TraceKind {
    /** No trace and no meta-gradient: the plain base optimizer (only with meta FIXED). */
    NONE,
    /** {@code h ← γ(1 − κα)h + Δw}: the paper's practical variant, any base (spec §2.6). */
    HESSIAN_FREE,
    /**
     * {@code h ← γ·[1 − α(κ + diag∇²f)]⁺ ⊙ h + Δw} with the caller's diagonal Hessian
     * ({@link dev.driftwise.metaoptimize.StepContext#diagonalHessian}) and IDBD's rectifier (spec §5.2).
     */
    DIAGONAL_HESSIAN,
    /**
     * Tangents pushed through the Jacobian of the base step with Hessian-vector products from
     * central finite differences of the step's gradient function (spec §2.0–§2.4); one column
     * per step-size block (spec §8.13). SGD, SGDm, Adam and Lion bases.
     */
    FULL
}
