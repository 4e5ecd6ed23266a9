package dev.driftwise.metaoptimize;

/** When the step's β update takes effect (spec §6.3, §8.14). */
public enum AlphaTiming {
    /** {@code HF.py}: the base step and trace use α_t; β_{t+1} applies from the next step. */
    BEFORE_META,
    /** IDBD / JAX port: z = ⟨h_t, g_t⟩ updates β first, then α_{t+1} drives this step's base update and trace. */
    AFTER_META
}
