package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;

/** SGD with decoupled weight decay: {@code Δw = −α(g + κw)} (spec §2.1). */
public final class Sgd extends BaseUpdate {

    public Sgd(double weightDecay) {
        super(weightDecay, 0);
    }

    @Override
    public NDArray descent(int p, NDArray w, NDArray g, long t) {
        return weightDecay == 0 ? g : g.add(w.mul(weightDecay));
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public boolean supportsFullTrace() {
        return true;
    }

    // spec §2.1: h' = γ[(1 − κα)h − α ⊙ ∇²f·h]
    @Override
    public NDArray pushTangent(int p, NDArray alpha, NDArray h, NDArray[] aux, NDArray hvp, NDArray g,
            double gamma, long t) {
        NDArray next = h.sub(hvp.mul(alpha));
        if (weightDecay != 0) {
            next.subi(h.mul(alpha).muli(weightDecay));
        }
        return next.muli(gamma);
    }
}
