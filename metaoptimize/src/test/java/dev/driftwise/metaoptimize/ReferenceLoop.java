package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;

/**
 * Independent double-precision MetaOptimize (Hessian-free, σ = exp, HF.py timing) written from the
 * spec's equations with plain loops, one weight at a time. Weights are grouped into blocks by
 * {@code blockOf}; each block has one β.
 */
final class ReferenceLoop {

    final BaseAlgorithm base;
    final AdamForm adamForm;
    final MetaAlgorithm meta;
    final MetaAdamForm metaAdamForm;
    final double rho;
    final double lambda;
    final double c;
    final double kappa;
    final double eta;
    final double metaRho;
    final double metaLambda;
    final double metaC;
    final double gamma;
    final int[] blockOf;
    final double[] w;
    final double[] h;
    final double[] m;
    final double[] v;
    final double[] beta;
    final double[] mBar;
    final double[] vBar;
    long t;

    ReferenceLoop(MetaOptimizeConfig cfg, double[] w0, int[] blockOf, int blocks) {
        this.base = cfg.base();
        this.adamForm = cfg.adamForm();
        this.meta = cfg.meta();
        this.metaAdamForm = cfg.metaAdamForm();
        this.rho = cfg.momentum();
        this.lambda = cfg.secondMoment();
        this.c = cfg.lionInterpolation();
        this.kappa = cfg.weightDecay();
        this.eta = cfg.metaStepSize();
        this.metaRho = cfg.metaMomentum();
        this.metaLambda = cfg.metaSecondMoment();
        this.metaC = cfg.metaLionInterpolation();
        this.gamma = cfg.discount();
        this.blockOf = blockOf;
        int n = w0.length;
        this.w = w0.clone();
        this.h = new double[n];
        this.m = new double[n];
        this.v = new double[n];
        this.beta = new double[blocks];
        java.util.Arrays.fill(beta, Math.log(cfg.initialStepSize()));
        this.mBar = new double[blocks];
        this.vBar = new double[blocks];
    }

    void step(double[] g) {
        t++;
        double[] z = new double[beta.length];
        for (int i = 0; i < w.length; i++) {
            z[blockOf[i]] += h[i] * g[i];
        }
        for (int i = 0; i < w.length; i++) {
            double alpha = Math.exp(beta[blockOf[i]]);
            double d = direction(i, g[i]) + kappa * w[i];
            double dw = -alpha * d;
            h[i] = gamma * (1 - kappa * alpha) * h[i] + dw;
            w[i] += dw;
        }
        for (int b = 0; b < beta.length; b++) {
            beta[b] = metaStep(b, z[b]);
        }
    }

    private double direction(int i, double g) {
        switch (base) {
            case SGD:
                return g;
            case SGDM: {
                double d = m[i];
                m[i] = rho * m[i] + (1 - rho) * g;
                return d;
            }
            case RMSPROP: {
                v[i] = lambda * v[i] + g * g;
                double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
                return g / Math.sqrt(mu * v[i] + 1e-10);
            }
            case ADAM:
                if (adamForm == AdamForm.CODE) {
                    m[i] = rho * m[i] + g;
                    v[i] = lambda * v[i] + g * g;
                    double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
                    return m[i] / Math.sqrt(mu * v[i] + 1e-10);
                } else {
                    m[i] = rho * m[i] + (1 - rho) * g;
                    v[i] = lambda * v[i] + (1 - lambda) * g * g;
                    double mHat = m[i] / (1 - Math.pow(rho, t));
                    double vHat = v[i] / (1 - Math.pow(lambda, t));
                    return mHat / (Math.sqrt(vHat) + 1e-8);
                }
            case LION: {
                double d = Math.signum(c * m[i] + (1 - c) * g);
                m[i] = rho * m[i] + (1 - rho) * g;
                return d;
            }
            default:
                throw new IllegalStateException();
        }
    }

    private double metaStep(int b, double z) {
        double bt = beta[b];
        switch (meta) {
            case FIXED:
                return bt;
            case SGD:
                return bt - eta * z;
            case RMSPROP: {
                vBar[b] = metaLambda * vBar[b] + z * z;
                double mu = (1 - metaLambda) / (1 - Math.pow(metaLambda, t));
                return bt - eta * z / Math.sqrt(mu * vBar[b] + 1e-10);
            }
            case ADAM:
                if (metaAdamForm == MetaAdamForm.CODE) {
                    mBar[b] = metaRho * mBar[b] + z;
                    vBar[b] = metaLambda * vBar[b] + z * z;
                    double mu = (1 - metaLambda) / (1 - Math.pow(metaLambda, t));
                    return bt - eta * mBar[b] / Math.sqrt(mu * vBar[b] + 1e-10);
                } else {
                    mBar[b] = metaRho * mBar[b] + (1 - metaRho) * z;
                    vBar[b] = metaLambda * vBar[b] + (1 - metaLambda) * z * z;
                    double mHat = mBar[b] / (1 - Math.pow(metaRho, t));
                    double vHat = vBar[b] / (1 - Math.pow(metaLambda, t));
                    return bt - eta * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            case LION: {
                double nb = bt - eta * Math.signum(metaC * mBar[b] + (1 - metaC) * z);
                mBar[b] = metaRho * mBar[b] + (1 - metaRho) * z;
                return nb;
            }
            default:
                throw new IllegalStateException();
        }
    }
}
