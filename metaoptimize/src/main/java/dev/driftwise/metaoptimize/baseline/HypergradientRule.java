package dev.driftwise.metaoptimize.baseline;

/**
 * How hypergradient descent moves its scalar step size (Baydin et al. 2018, §2). With u_{t−1} the
 * previous step's direction (w moved by −α u) the hypergradient is h_t = ∂f_t/∂α = −g_tᵀu_{t−1}.
 */
public enum HypergradientRule {

    /** α_t = α_{t−1} − β h_t = α_{t−1} + β g_tᵀu_{t−1} (the paper's main form, Algorithms 2–3). */
    ADDITIVE,

    /**
     * α_t = α_{t−1} (1 + β cos(g_t, u_{t−1})): the paper's multiplicative variant, which normalises
     * the hypergradient by ‖g_t‖‖u_{t−1}‖, so β is dimensionless (a relative change per step).
     * Written from our reading of the paper's §2; it was not re-checked against the PDF here.
     */
    MULTIPLICATIVE;

    /**
     * @param gradientDotDirection g_tᵀu_{t−1}
     * @param gradientSquaredNorm ‖g_t‖² (used by {@link #MULTIPLICATIVE} only)
     * @param directionSquaredNorm ‖u_{t−1}‖² (used by {@link #MULTIPLICATIVE} only)
     */
    double next(double alpha, double rate, double gradientDotDirection, double gradientSquaredNorm, double directionSquaredNorm) {
        if (this == ADDITIVE) {
            return alpha + rate * gradientDotDirection;
        }
        double norms = Math.sqrt(gradientSquaredNorm * directionSquaredNorm);
        // first step (u = 0) or a zero gradient: no direction information, α stays
        return norms > 0 ? alpha * (1 + rate * gradientDotDirection / norms) : alpha;
    }
}
