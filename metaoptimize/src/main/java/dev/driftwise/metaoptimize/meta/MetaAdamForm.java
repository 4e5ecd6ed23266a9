package dev.driftwise.metaoptimize.meta;

/** Which meta-Adam of spec §3.3. */
public enum MetaAdamForm {
    /**
     * {@code HF.py}: {@code m̄ ← ρ̄m̄ + z} (unnormalised, not bias corrected), {@code v̄ ← λ̄v̄ + z²},
     * {@code β ← β − η m̄ / sqrt(μ̄ v̄ + 1e-10)}; a persistent z moves β by up to η/(1−ρ̄) per step.
     */
    CODE,
    /**
     * The paper's Algorithm 3: bias-corrected EMA moments, β moves by about η per step. ε = 1e-8 is
     * added outside the square root (not in the paper) so that z = 0 at the first step cannot give
     * 0/0 (spec §8.5).
     */
    PAPER
}
