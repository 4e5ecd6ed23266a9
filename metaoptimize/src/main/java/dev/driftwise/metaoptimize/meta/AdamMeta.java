package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/** Meta Adam in the code or paper form (spec §3.3, see {@link MetaAdamForm}). */
public final class AdamMeta implements MetaUpdate {

    static final double CODE_EPSILON = 1e-10;
    static final double PAPER_EPSILON = 1e-8;

    private final MetaAdamForm form;
    private final double eta; // η: meta step size
    private final double rho; // ρ̄: meta first-moment decay
    private final double lambda; // λ̄: meta second-moment decay

    public AdamMeta(MetaAdamForm form, double eta, double rho, double lambda) {
        this.form = form;
        this.eta = eta;
        this.rho = rho;
        this.lambda = lambda;
    }

    @Override
    public int moments() {
        return 2;
    }

    @Override
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t) {
        Vec m = moments[0];
        Vec v = moments[1];
        if (form == MetaAdamForm.CODE) {
            engine.lincomb(m, rho, m, 1, z);
            engine.addcmul(v, lambda, v, 1, z, z);
            engine.normalize(scratch[0], eta, m, v, (1 - lambda) / (1 - Math.pow(lambda, t)), CODE_EPSILON, 0);
        } else {
            engine.lincomb(m, rho, m, 1 - rho, z);
            engine.addcmul(v, lambda, v, 1 - lambda, z, z);
            double bc1 = 1 - Math.pow(rho, t);
            double bc2 = 1 - Math.pow(lambda, t);
            engine.normalize(scratch[0], eta / bc1, m, v, 1 / bc2, 0, PAPER_EPSILON);
        }
        engine.lincomb(beta, 1, beta, -1, scratch[0]);
    }

    @Override
    public String name() {
        return form == MetaAdamForm.CODE ? "adam" : "adam-paper";
    }
}
