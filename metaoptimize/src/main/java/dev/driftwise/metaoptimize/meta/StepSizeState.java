package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta-parameters β, their meta-optimizer moments and the meta-gradient z, always in FLOAT64,
 * and the step sizes α = σ(β) they give the weights.
 *
 * <p>Where they live: for <b>per-weight</b> step sizes β is a vector of n on the model's engine (no
 * host copies) and α a vector in the parameters' dtype next to it. For <b>scalar and blockwise</b>
 * step sizes the m numbers live on the host (JVM engine): the meta update costs no native call and α
 * enters the base step as a scalar.
 */
public final class StepSizeState implements AutoCloseable {

    private final MetaUpdate meta;
    private final StepSizeMap map;
    private final Engine engine;
    private final boolean perWeight;
    private final double betaMin;
    private final double betaMax;
    /** β0 lies outside the bounds, so clamping needs the ratchet (else a plain clip is the same). */
    private final boolean ratchet;
    private final double[] hostBeta;
    private final double[] hostZ;
    private final Vec beta;
    private final Vec z;
    private final Vec[] moments;
    private final Vec[] scratch;
    private final Vec before;
    private final Vec alpha;

    /**
     * @param blocks m for scalar/blockwise step sizes, or n (the weights) with {@code perWeight}
     * @param modelEngine where per-weight state lives; {@code dtype} is the parameters' dtype (of α)
     * @param betaMin lower clamp in β space, or NaN; likewise {@code betaMax}
     */
    public StepSizeState(MetaUpdate meta, StepSizeMap map, int blocks, boolean perWeight, Engine modelEngine, DType dtype,
            double initialStepSize, double betaMin, double betaMax) {
        this.meta = meta;
        this.map = map;
        this.perWeight = perWeight;
        this.engine = perWeight ? modelEngine : JvmEngine.INSTANCE;
        this.betaMin = betaMin;
        this.betaMax = betaMax;
        double beta0 = map == StepSizeMap.EXP ? Math.log(initialStepSize) : initialStepSize; // β_0 = σ⁻¹(α0)
        this.ratchet = beta0 < betaMin || beta0 > betaMax; // false when a bound is NaN
        if (perWeight) {
            hostBeta = null;
            hostZ = null;
            beta = engine.zeros(blocks, DType.FLOAT64);
            engine.fill(beta, beta0);
            z = engine.zeros(blocks, DType.FLOAT64);
            alpha = engine.zeros(blocks, dtype);
        } else {
            hostBeta = new double[blocks];
            java.util.Arrays.fill(hostBeta, beta0);
            hostZ = new double[blocks];
            beta = JvmEngine.INSTANCE.wrap(hostBeta);
            z = JvmEngine.INSTANCE.wrap(hostZ);
            alpha = null;
        }
        moments = new Vec[meta.moments()];
        for (int k = 0; k < moments.length; k++) {
            moments[k] = engine.zeros(blocks, DType.FLOAT64);
        }
        scratch = new Vec[Math.max(1, meta.scratchCount())];
        for (int k = 0; k < scratch.length; k++) {
            scratch[k] = engine.zeros(blocks, DType.FLOAT64);
        }
        before = ratchet ? engine.zeros(blocks, DType.FLOAT64) : null;
        refreshAlpha();
    }

    public boolean perWeight() {
        return perWeight;
    }

    /** Where the trace writes this step's z: the host array of m values (scalar/blockwise), else null. */
    public double[] hostMetaGradient() {
        return hostZ;
    }

    /** Where the trace writes this step's z for per-weight step sizes (FLOAT64, on the model's engine). */
    public Vec metaGradient() {
        return z;
    }

    /** α of block {@code b} for this step (scalar/blockwise). */
    public double alpha(int b) {
        return sigma(hostBeta[b]);
    }

    /** α of every weight for this step, in the parameters' dtype (per-weight). */
    public Vec alphaVector() {
        return alpha;
    }

    private double sigma(double b) {
        return map == StepSizeMap.EXP ? Math.exp(b) : b;
    }

    private void refreshAlpha() {
        if (alpha == null) {
            return;
        }
        if (map == StepSizeMap.EXP) {
            engine.exp(alpha, beta);
        } else {
            engine.copy(alpha, beta);
        }
    }

    /**
     * β ← MetaStep(β, z), then the optional clamp, then α.
     *
     * <p>The clamp is a ratchet: a β that lies outside [β_min, β_max] (an α0 under the floor or
     * over the ceiling) may move towards the range but not further away, and once inside it stays
     * inside. So β_new = clamp(β', min(β_min, β), max(β_max, β)); it needs no state of its own.
     */
    public void update(long t) {
        if (!meta.adapts()) {
            return;
        }
        boolean clamp = !Double.isNaN(betaMin) || !Double.isNaN(betaMax);
        double lo = Double.isNaN(betaMin) ? -Double.MAX_VALUE : betaMin;
        double hi = Double.isNaN(betaMax) ? Double.MAX_VALUE : betaMax;
        if (ratchet) {
            engine.copy(before, beta);
        }
        meta.update(engine, beta, moments, z, scratch, t);
        if (ratchet) { // safeguard, spec §8.9 deviation
            engine.minScalar(scratch[0], before, lo);
            engine.maximum(beta, beta, scratch[0]);
            engine.maxScalar(scratch[0], before, hi);
            engine.minimum(beta, beta, scratch[0]);
        } else if (clamp) {
            engine.maxScalar(beta, beta, lo);
            engine.minScalar(beta, beta, hi);
        }
        refreshAlpha();
    }

    /**
     * A fresh start after an abrupt drift: every β raised to at least {@code floor} (held under the ceiling; a β
     * already above stays). The meta optimizer's moments stay: clearing them as well changed nothing on the
     * drifting regression and cost T7 0.2 points (docs/benchmarks.md, "The default").
     */
    public void restart(double floor) {
        engine.maxScalar(beta, beta, Double.isNaN(betaMax) ? floor : Math.min(floor, betaMax));
        refreshAlpha();
    }

    /** β copied to the host. */
    public double[] betaOnHost() {
        if (hostBeta != null) {
            return hostBeta.clone();
        }
        double[] out = new double[beta.length()];
        engine.download(beta, out, 0);
        return out;
    }

    /** z copied to the host. */
    public double[] metaGradientOnHost() {
        if (hostZ != null) {
            return hostZ.clone();
        }
        double[] out = new double[z.length()];
        engine.download(z, out, 0);
        return out;
    }

    /** Everything an update changes, in a fixed order: for save/restore and the non-finite safeguard. */
    public List<Vec> state() {
        List<Vec> all = new ArrayList<>();
        all.add(beta);
        all.add(z);
        all.addAll(List.of(moments));
        return all;
    }

    /** After a restore of {@link #state()}: α follows β. */
    public void restored() {
        refreshAlpha();
    }

    @Override
    public void close() {
        beta.close();
        z.close();
        for (Vec v : scratch) {
            v.close();
        }
        for (Vec m : moments) {
            m.close();
        }
        if (before != null) {
            before.close();
        }
        if (alpha != null) {
            alpha.close();
        }
    }
}
