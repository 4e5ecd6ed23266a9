package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

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
    public void update(NDArray beta, NDArray[] moments, NDArray z, long t) {
        NDArray m = moments[0];
        NDArray v = moments[1];
        if (form == MetaAdamForm.CODE) {
            m.muli(rho).addi(z);
            v.muli(lambda).addi(z.square());
            double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
            beta.subi(m.div(v.mul(mu).addi(CODE_EPSILON).sqrt()).muli(eta));
        } else {
            m.muli(rho).addi(z.mul(1 - rho));
            v.muli(lambda).addi(z.square().muli(1 - lambda));
            double bc1 = 1 - Math.pow(rho, t);
            double bc2 = 1 - Math.pow(lambda, t);
            beta.subi(m.div(v.div(bc2).sqrt().addi(PAPER_EPSILON)).muli(eta / bc1));
        }
    }

    @Override
    public double updateOnHost(double beta, double[] moments, double z, long t) {
        if (form == MetaAdamForm.CODE) {
            moments[0] = rho * moments[0] + z;
            moments[1] = lambda * moments[1] + z * z;
            double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
            return beta - eta * moments[0] / Math.sqrt(mu * moments[1] + CODE_EPSILON);
        }
        moments[0] = rho * moments[0] + (1 - rho) * z;
        moments[1] = lambda * moments[1] + (1 - lambda) * z * z;
        double bc1 = 1 - Math.pow(rho, t);
        double bc2 = 1 - Math.pow(lambda, t);
        return beta - eta / bc1 * moments[0] / (Math.sqrt(moments[1] / bc2) + PAPER_EPSILON);
    }

    @Override
    public String name() {
        return form == MetaAdamForm.CODE ? "adam" : "adam-paper";
    }
}
