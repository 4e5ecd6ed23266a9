package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.base.Adam;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseUpdate;
import dev.driftwise.metaoptimize.base.Sgd;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * Hypergradient descent with the multiplicative rule (Baydin et al. 2018, §2): one scalar step size,
 * α_t = α_{t−1} (1 + β cos(g_t, u_{t−1})), then w_{t+1} = w_t − α_t u_t, where u is the base direction
 * ({@link Sgd}: g; {@link Adam} standard form: m̂/(√v̂ + ε)), kept from the previous step (zero at
 * first). The base directions are the engine's own classes; only the rule on α is this class's.
 */
public final class MultiplicativeHypergradient implements OnlineOptimizer {

    private static final String KIND = "hypergradient-mult";
    private static final int FORMAT_VERSION = 2;

    private final MultiplicativeHypergradientConfig config;
    private final ParameterLayout layout;
    private final Engine engine;
    private final DType dtype;
    private final BaseUpdate base;
    private final Vec previous;
    private double alpha;
    private double lastMetaGradient;
    private long steps;
    private long skipped;

    MultiplicativeHypergradient(MultiplicativeHypergradientConfig config, ParameterLayout layout, Engine engine, DType dtype) {
        this.config = config;
        this.layout = layout;
        this.engine = engine;
        this.dtype = dtype;
        int n = layout.totalSize();
        this.base = config.adam() ? new Adam(engine, n, dtype, AdamForm.STANDARD, 0.9, 0.999, 0) : new Sgd(engine, n, dtype, 0);
        this.previous = engine.zeros(n, dtype);
        this.alpha = config.alpha0();
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
        double gu = engine.dot(gradients, previous); // also the finite check: ∞·0 = NaN while u is still zero
        if (!Double.isFinite(gu)) {
            skipped++;
            return StepReport.skipped("non-finite gradient");
        }
        alpha = HypergradientRule.MULTIPLICATIVE.next(alpha, config.beta(), gu, engine.dot(gradients, gradients),
                engine.dot(previous, previous));
        lastMetaGradient = -gu; // z = −g_tᵀu_{t−1} in the spec's terms (§5.4)
        Vec u = base.descent(parameters, gradients, steps + 1);
        engine.lincomb(parameters, 1, parameters, -alpha, u);
        engine.copy(previous, u);
        steps++;
        return StepReport.APPLIED;
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        double norm = Math.sqrt(engine.dot(previous, previous));
        return List.of(new BlockStepSize("all", layout.totalSize(), alpha, alpha, alpha, alpha, lastMetaGradient, norm));
    }

    @Override
    public double[] alphas() {
        return new double[] {alpha};
    }

    @Override
    public double[] lastMetaGradients() {
        return new double[] {lastMetaGradient};
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
    public MultiplicativeHypergradientConfig config() {
        return config;
    }

    private String fingerprint() {
        return config.text() + " layout=" + layout + " dtype=" + dtype;
    }

    @Override
    public byte[] saveState() {
        StateWriter out = new StateWriter(KIND, FORMAT_VERSION, fingerprint()).writeLong(steps).writeLong(skipped)
                .writeDouble(alpha).writeDouble(lastMetaGradient).writeVec(previous);
        for (Vec v : base.state()) {
            out.writeVec(v);
        }
        return out.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state, KIND, FORMAT_VERSION, fingerprint());
        long s = in.readLong();
        long k = in.readLong();
        double a = in.readDouble();
        double z = in.readDouble();
        List<Runnable> copies = new ArrayList<>();
        copies.add(in.readVec(previous, "u"));
        for (Vec v : base.state()) {
            copies.add(in.readVec(v, "base moment"));
        }
        in.expectEnd();
        copies.forEach(Runnable::run);
        steps = s;
        skipped = k;
        alpha = a;
        lastMetaGradient = z;
    }

    @Override
    public void close() {
        base.close();
        previous.close();
    }
}
