package dev.driftwise.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The parameter tensors of a dense MLP (weights and biases per layer) with fixed random gradients:
 * what one optimizer step touches. Sizes are named after the parameter count they give.
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

    private final NDManager manager;
    private final NDList parameters = new NDList();
    private final NDList gradients = new NDList();

    public MlpParameterSet(String size, long seed) {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed((int) seed);
        int[] w = widths(size);
        for (int layer = 0; layer + 1 < w.length; layer++) {
            add("layer" + layer + ".weight", new Shape(w[layer + 1], w[layer]), 1.0 / Math.sqrt(w[layer]));
            add("layer" + layer + ".bias", new Shape(w[layer + 1]), 0.01);
        }
    }

    private void add(String name, Shape shape, double scale) {
        NDArray p = manager.randomNormal(0f, (float) scale, shape, DataType.FLOAT32);
        p.setName(name);
        NDArray g = manager.randomNormal(0f, 0.01f, shape, DataType.FLOAT32);
        g.setName(name + ".grad");
        parameters.add(p);
        gradients.add(g);
    }

    public NDManager manager() {
        return manager;
    }

    public NDList parameters() {
        return parameters;
    }

    public NDList gradients() {
        return gradients;
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray p : parameters) {
            n += p.size();
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
