package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

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

    public Adam(Engine engine, int length, DType dtype, AdamForm form, double rho, double lambda, double weightDecay) {
        super(engine, length, dtype, weightDecay, 2);
        this.form = form;
        this.rho = rho;
        this.lambda = lambda;
    }

    @Override
    public Vec descent(Vec w, Vec g, long t) {
        Vec m = moments[0];
        Vec v = moments[1];
        if (form == AdamForm.CODE) {
            engine.lincomb(m, rho, m, 1, g);
            engine.addcmul(v, lambda, v, 1, g, g);
            engine.normalize(direction, 1, m, v, (1 - lambda) / (1 - Math.pow(lambda, t)), CODE_EPSILON, 0);
        } else {
            engine.lincomb(m, rho, m, 1 - rho, g);
            engine.addcmul(v, lambda, v, 1 - lambda, g, g);
            double bc1 = 1 - Math.pow(rho, t);
            double sqrtBc2 = Math.sqrt(1 - Math.pow(lambda, t));
            // (m/bc1)/(sqrt(v/bc2)+ε) = (m/(sqrt(v)+ε·sqrt(bc2)))·sqrt(bc2)/bc1: one pass
            engine.normalize(direction, sqrtBc2 / bc1, m, v, 1, 0, STANDARD_EPSILON * sqrtBc2);
        }
        addDecay(direction, w);
        return direction;
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
    public void pushTangent(Vec next, Vec h, Vec[] aux, Vec hvp, Vec g, Vec alpha, double gamma, long t, Vec[] scratch) {
        Vec m = moments[0];
        Vec v = moments[1];
        Vec hm = aux[0];
        Vec hv = aux[1];
        Vec dDirection = scratch[0];
        Vec s = scratch[1];
        boolean code = form == AdamForm.CODE;
        if (hvp != null) {
            engine.lincomb(hm, rho, hm, code ? 1 : 1 - rho, hvp); // dm = ρ h^m + (1−ρ)·∇²f·h
            engine.addcmul(hv, lambda, hv, code ? 2 : 2 * (1 - lambda), g, hvp); // dv = λ h^v + 2(1−λ) g ⊙ ∇²f·h
        } else {
            engine.scale(hm, rho, hm);
            engine.scale(hv, lambda, hv);
        }
        if (code) {
            // d = m/s with s = sqrt(μv + ε): d(m/s) = dm/s − m·μ·dv/(2 s³)
            double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
            engine.scale(s, mu, v);
            engine.addScalar(s, s, CODE_EPSILON);
            engine.sqrt(s, s);
            engine.mul(dDirection, 1, m, hv);
            engine.div(dDirection, dDirection, s);
            engine.div(dDirection, dDirection, s);
            engine.lincomb(dDirection, -mu / 2, dDirection, 1, hm); // dm − μ·m·dv/(2 s²)
            engine.div(dDirection, dDirection, s);
        } else {
            // d = (m/bc1)/(r + ε), r = sqrt(v/bc2): dd = (dm/s − m·dr/s²)/bc1, dr = dv/(2·bc2·r)
            double bc1 = 1 - Math.pow(rho, t);
            double bc2 = 1 - Math.pow(lambda, t);
            engine.scale(s, 1 / bc2, v);
            engine.sqrt(s, s); // r
            engine.maxScalar(dDirection, s, Double.MIN_NORMAL); // r = 0 only where every gradient so far was 0, then dv = 0
            engine.div(dDirection, hv, dDirection);
            engine.scale(dDirection, 1 / (2 * bc2), dDirection); // dr
            engine.addScalar(s, s, STANDARD_EPSILON); // s = r + ε
            engine.mul(dDirection, 1, dDirection, m);
            engine.div(dDirection, dDirection, s);
            engine.lincomb(dDirection, -1, dDirection, 1, hm); // dm − m·dr/s
            engine.div(dDirection, dDirection, s);
            engine.scale(dDirection, 1 / bc1, dDirection);
        }
        pushWeights(next, h, dDirection, alpha, gamma);
        engine.scale(hm, gamma, hm);
        engine.scale(hv, gamma, hv);
    }
}
