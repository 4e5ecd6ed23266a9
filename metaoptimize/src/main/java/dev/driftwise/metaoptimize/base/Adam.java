package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;
import dev.driftwise.metaoptimize.ScalarOperands;

/**
 * Adam / AdamW (AdamW when κ > 0: decoupled decay {@code −ακw}), in either form of spec §2.4.
 *
 * <pre>
 * CODE:     m ← ρm + g;  v ← λv + g²;  μ = (1−λ)/(1−λ^t);  d = m / sqrt(μv + 1e-10) + κw
 * STANDARD: m ← ρm + (1−ρ)g;  v ← λv + (1−λ)g²;  d = (m/(1−ρ^t)) / (sqrt(v/(1−λ^t)) + 1e-8) + κw
 * </pre>
 */
public final class Adam extends BaseUpdate {

    static final double CODE_EPSILON = 1e-10;
    static final double STANDARD_EPSILON = 1e-8;

    private final AdamForm form;
    private final double rho; // ρ: first-moment decay
    private final double lambda; // λ: second-moment decay
    // the step's scalars as tensors kept across steps (ScalarOperand): same arithmetic, no array per scalar
    private static final int RHO = 0;
    private static final int LAMBDA = 1;
    private static final int EPSILON = 2;
    private static final int MU = 3;
    private static final int ONE_MINUS_RHO = 4;
    private static final int ONE_MINUS_LAMBDA = 5;
    private static final int SCALE = 6;
    private final ScalarOperands scalars = new ScalarOperands(7);

    public Adam(AdamForm form, double rho, double lambda, double weightDecay) {
        super(weightDecay, 2);
        this.form = form;
        this.rho = rho;
        this.lambda = lambda;
    }

    @Override
    public NDArray descent(int p, NDArray w, NDArray g, long t) {
        NDArray m = state[p][0];
        NDArray v = state[p][1];
        NDArray d;
        if (form == AdamForm.CODE) {
            m.muli(scalars.of(RHO, rho, m)).addi(g);
            v.muli(scalars.of(LAMBDA, lambda, v)).addi(g.square());
            double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
            d = m.div(v.mul(scalars.of(MU, mu, v)).addi(scalars.of(EPSILON, CODE_EPSILON, v)).sqrt());
        } else {
            m.muli(scalars.of(RHO, rho, m)).addi(g.mul(scalars.of(ONE_MINUS_RHO, 1 - rho, g)));
            v.muli(scalars.of(LAMBDA, lambda, v)).addi(g.square().muli(scalars.of(ONE_MINUS_LAMBDA, 1 - lambda, g)));
            double bc1 = 1 - Math.pow(rho, t);
            double sqrtBc2 = Math.sqrt(1 - Math.pow(lambda, t));
            // (m/bc1)/(sqrt(v/bc2)+ε) = (m/(sqrt(v)+ε·sqrt(bc2)))·sqrt(bc2)/bc1: one op fewer
            d = m.div(v.sqrt().addi(scalars.of(EPSILON, STANDARD_EPSILON * sqrtBc2, v)))
                    .muli(scalars.of(SCALE, sqrtBc2 / bc1, m));
        }
        return withDecay(d, w);
    }

    @Override
    public void close() {
        super.close();
        scalars.close();
    }

    @Override
    public String name() {
        return weightDecay == 0 ? "adam" : "adamw";
    }

    public AdamForm form() {
        return form;
    }

    @Override
    public boolean supportsFullTrace() {
        return true;
    }

    @Override
    public int tangentCount() {
        return 2;
    }

    /**
     * spec §2.4 (tangents h, h^m, h^v), with the moments including g_t as the code's step does:
     * h' = γ[(1 − κα)h − α·∂d/∂x·X], h^m' = γ·dm, h^v' = γ·dv.
     */
    @Override
    public NDArray pushTangent(int p, NDArray alpha, NDArray h, NDArray[] aux, NDArray hvp, NDArray g,
            double gamma, long t) {
        NDArray m = state[p][0];
        NDArray v = state[p][1];
        NDArray hm = aux[0];
        NDArray hv = aux[1];
        NDArray dDirection;
        if (form == AdamForm.CODE) {
            hm.muli(rho).addi(hvp); // dm = ρ h^m + ∇²f·h
            hv.muli(lambda).addi(g.mul(hvp).muli(2)); // dv = λ h^v + 2 g ⊙ ∇²f·h
            double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
            NDArray s = v.mul(mu).addi(CODE_EPSILON).sqrt();
            // d(m/s) = dm/s − m·μ·dv/(2 s³)
            dDirection = hm.div(s).subi(m.mul(hv).muli(mu / 2).divi(s.pow(3)));
        } else {
            hm.muli(rho).addi(hvp.mul(1 - rho));
            hv.muli(lambda).addi(g.mul(hvp).muli(2 * (1 - lambda)));
            double bc1 = 1 - Math.pow(rho, t);
            double bc2 = 1 - Math.pow(lambda, t);
            NDArray r = v.div(bc2).sqrt();
            NDArray s = r.add(STANDARD_EPSILON);
            // dr = dv/(2·bc2·r); r = 0 only where every gradient so far was 0, then dv = 0 too
            NDArray dr = hv.div(r.maximum(Double.MIN_NORMAL).muli(2 * bc2));
            dDirection = hm.div(s).subi(m.mul(dr).divi(s.square())).divi(bc1);
        }
        NDArray next = h.sub(dDirection.muli(alpha));
        if (weightDecay != 0) {
            next.subi(h.mul(alpha).muli(weightDecay));
        }
        hm.muli(gamma);
        hv.muli(gamma);
        return next.muli(gamma);
    }
}
