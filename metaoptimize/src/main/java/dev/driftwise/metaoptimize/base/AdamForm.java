package dev.driftwise.metaoptimize.base;

/** Which of the Adam variants of spec §2.4 the Adam/AdamW base implements. */
public enum AdamForm {
    /**
     * The official experiment code ({@code HF.py}): {@code m ← ρm + g} (unnormalised, no bias
     * correction), {@code v ← λv + g²} corrected by {@code μ_t = (1−λ)/(1−λ^t)}, ε = 1e-10 inside
     * the square root. The effective step ramps from α to α/(1−ρ) (10α for ρ = 0.9), so the paper's
     * α0 values (e.g. 1e-6) mean what they meant there.
     */
    CODE,
    /** Standard bias-corrected Adam(W) as in the pip package: ε = 1e-8 outside the square root. */
    STANDARD
}
