package dev.driftwise.bench.jmh;

import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The flat parameter vector of a dense MLP (weights and biases per layer) with fixed random gradients,
 * on an engine: what one optimizer step touches. Sizes are named after the parameter count they give.
 */
public final class MlpParameterSet implements AutoCloseable {

    /** Layer widths for the benchmark sizes: ~10k and ~1M parameters. */
    public static int[] widths(String size) {
        return switch (size) {
            case "10k" -> new int[] {64, 128, 16};            // 10,384 parameters
            case "1M" -> new int[] {784, 1024, 256, 10};      // 1,068,810 parameters
            default -> throw new IllegalArgumentException("size '" + size + "': expected 10k or 1M");
        };
    }

    private final ParameterLayout layout;
    private final Vec parameters;
    private final Vec gradients;

    public MlpParameterSet(String size, long seed, Engine engine) {
        int[] w = widths(size);
        List<ParameterLayout.Entry> entries = new ArrayList<>();
        for (int layer = 0; layer + 1 < w.length; layer++) {
            entries.add(new ParameterLayout.Entry("layer" + layer + ".weight", new int[] {w[layer], w[layer + 1]}));
            entries.add(new ParameterLayout.Entry("layer" + layer + ".bias", new int[] {w[layer + 1]}));
        }
        layout = ParameterLayout.of(entries);
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[layout.totalSize()];
        float[] g = new float[layout.totalSize()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.05 * random.nextGaussian());
            g[i] = (float) random.nextGaussian();
        }
        parameters = engine.zeros(p.length, DType.FLOAT32);
        gradients = engine.zeros(g.length, DType.FLOAT32);
        engine.upload(parameters, p, 0);
        engine.upload(gradients, g, 0);
    }

    public ParameterLayout layout() {
        return layout;
    }

    public Vec parameters() {
        return parameters;
    }

    public Vec gradients() {
        return gradients;
    }

    @Override
    public void close() {
        parameters.close();
        gradients.close();
    }
}
