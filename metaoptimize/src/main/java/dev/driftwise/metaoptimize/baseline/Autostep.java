package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * Autostep (Mahmood, Sutton, Degris &amp; Pilarski 2012, "Tuning-free step-size adaptation",
 * ICASSP, Table 1): IDBD with the meta update normalised by a running bound v_i on |δ x_i h_i|, and
 * the step sizes rescaled so that Σ_i α_i x_i² ≤ 1 (no overshoot on the current sample). Written in
 * gradient form with δ x_i = −g_i and x_i² = the diagonal Hessian from {@link StepContext}:
 *
 * <pre>
 *   v_i ← max(|δ x_i h_i|, v_i + (1/τ) α_i x_i² (|δ x_i h_i| − v_i))      (old α_i)
 *   α_i ← α_i exp(μ δ x_i h_i / v_i)          only where v_i ≠ 0
 *   M   ← max(Σ_i α_i x_i², 1);  α_i ← α_i / M  (the sum runs over every weight)
 *   w_i ← w_i + α_i δ x_i
 *   h_i ← h_i (1 − α_i x_i²) + α_i δ x_i
 * </pre>
 *
 * The engine cannot express it (the normaliser M couples every weight), so it is a class of its own,
 * written over the same {@link Engine} operations. α, v and h are FLOAT64 vectors on the engine; a
 * step whose new state would not be finite is skipped whole.
 */
public final class Autostep implements OnlineOptimizer {

    private static final String KIND = "autostep";
    private static final int FORMAT_VERSION = 2;

    private final AutostepConfig config;
    private final ParameterLayout layout;
    private final Engine engine;
    private final DType dtype;
    private final Vec alpha;
    private final Vec bound;
    private final Vec trace;
    private final Vec z;
    private final Vec g64;
    private final Vec x2;
    private final Vec nextAlpha;
    private final Vec nextBound;
    private final Vec nextTrace;
    private final Vec scratch;
    private final Vec descent;
    private long steps;
    private long skipped;

    Autostep(AutostepConfig config, ParameterLayout layout, Engine engine, DType dtype) {
        this.config = config;
        this.layout = layout;
        this.engine = engine;
        this.dtype = dtype;
        int n = layout.totalSize();
        alpha = engine.zeros(n, DType.FLOAT64);
        engine.fill(alpha, config.alpha0());
        bound = engine.zeros(n, DType.FLOAT64);
        trace = engine.zeros(n, DType.FLOAT64);
        z = engine.zeros(n, DType.FLOAT64);
        g64 = engine.zeros(n, DType.FLOAT64);
        x2 = engine.zeros(n, DType.FLOAT64);
        nextAlpha = engine.zeros(n, DType.FLOAT64);
        nextBound = engine.zeros(n, DType.FLOAT64);
        nextTrace = engine.zeros(n, DType.FLOAT64);
        scratch = engine.zeros(n, DType.FLOAT64);
        descent = engine.zeros(n, dtype);
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public StepReport step(Vec parameters, Vec gradients, StepContext context) {
        if (context == null || context.diagonalHessian() == null) {
            throw new IllegalArgumentException("Autostep needs the diagonal of the loss Hessian (x² for squared loss on a "
                    + "linear model) in every step's context: StepContext.withDiagonalHessian(...)");
        }
        engine.copy(g64, gradients);
        engine.copy(x2, context.diagonalHessian());
        engine.mul(z, 1, trace, g64); // z = h g = −δ x h
        // v ← max(|z|, v + α x² (|z| − v) / τ), with the old α
        engine.abs(nextBound, z);
        engine.lincomb(scratch, 1, nextBound, -1, bound);
        engine.mul(scratch, 1 / config.tau(), scratch, alpha);
        engine.mul(scratch, 1, scratch, x2);
        engine.lincomb(scratch, 1, bound, 1, scratch);
        engine.maximum(nextBound, nextBound, scratch);
        // α ← α exp(−μ z / v); max(v, MIN_VALUE) turns v = 0 (where z = 0 too) into a harmless 0 / MIN_VALUE = 0
        engine.maxScalar(scratch, nextBound, Double.MIN_VALUE);
        engine.div(scratch, z, scratch);
        engine.scale(scratch, -config.mu(), scratch);
        engine.exp(scratch, scratch);
        engine.mul(nextAlpha, 1, alpha, scratch);
        double total = engine.dot(nextAlpha, x2); // Σ α x² over every weight
        engine.scale(nextAlpha, 1 / Math.max(total, 1), nextAlpha);
        // h ← h (1 − α x²) − α g
        engine.mul(scratch, 1, nextAlpha, x2);
        engine.addcmul(nextTrace, 1, trace, -1, trace, scratch);
        engine.mul(scratch, 1, nextAlpha, g64); // −α δ x
        engine.lincomb(nextTrace, 1, nextTrace, -1, scratch);
        // ∞/NaN in g or h reach v, then α, then Σ α x²; overflow of the trace reaches its sum
        if (!Double.isFinite(total) || !engine.allFinite(nextTrace)) {
            skipped++;
            return StepReport.skipped("non-finite update");
        }
        engine.copy(descent, scratch);
        engine.lincomb(parameters, 1, parameters, -1, descent);
        engine.copy(alpha, nextAlpha);
        engine.copy(bound, nextBound);
        engine.copy(trace, nextTrace);
        steps++;
        return StepReport.APPLIED;
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        double[] a = host(alpha);
        double[] zs = host(z);
        double[] h = host(trace);
        List<BlockStepSize> out = new ArrayList<>(layout.count());
        for (int p = 0; p < layout.count(); p++) {
            out.add(PerWeightSummary.of(layout, p, a, zs, h));
        }
        return out;
    }

    @Override
    public double[] alphas() {
        return PerWeightSummary.geometricMeans(layout, host(alpha));
    }

    @Override
    public double[] lastMetaGradients() {
        return PerWeightSummary.sums(layout, host(z));
    }

    private double[] host(Vec v) {
        double[] out = new double[v.length()];
        engine.download(v, out, 0);
        return out;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public long skippedSteps() {
        return skipped;
    }

    @Override
    public AutostepConfig config() {
        return config;
    }

    private String fingerprint() {
        return config.text() + " layout=" + layout + " dtype=" + dtype;
    }

    @Override
    public byte[] saveState() {
        StateWriter out = new StateWriter(KIND, FORMAT_VERSION, fingerprint()).writeLong(steps).writeLong(skipped);
        out.writeVec(alpha).writeVec(bound).writeVec(trace).writeVec(z);
        return out.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state, KIND, FORMAT_VERSION, fingerprint());
        long s = in.readLong();
        long k = in.readLong();
        List<Runnable> copies = List.of(in.readVec(alpha, "α"), in.readVec(bound, "v"), in.readVec(trace, "h"),
                in.readVec(z, "z"));
        in.expectEnd();
        copies.forEach(Runnable::run);
        steps = s;
        skipped = k;
    }

    @Override
    public void close() {
        for (Vec v : List.of(alpha, bound, trace, z, g64, x2, nextAlpha, nextBound, nextTrace, scratch, descent)) {
            v.close();
        }
    }
}
