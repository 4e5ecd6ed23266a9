package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/** SGD with decoupled weight decay: {@code Δw = −α(g + κw)} (spec §2.1). */
public final class Sgd extends BaseUpdate {

    public Sgd(Engine engine, int length, DType dtype, double weightDecay) {
        super(engine, length, dtype, weightDecay, 0);
    }

    @Override
    public Vec descent(Vec w, Vec g, long t) {
        if (weightDecay == 0) {
            return g;
        }
        engine.lincomb(direction, 1, g, weightDecay, w);
        return direction;
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
    public void pushTangent(Vec next, Vec h, Vec[] aux, Vec hvp, Vec g, Vec alpha, double gamma, long t, Vec[] scratch) {
        pushWeights(next, h, hvp, alpha, gamma);
    }
}
