package dev.driftwise.learner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {

    @Test
    void layoutNamesTensorsByLayer() {
        DenseNetwork net = new DenseNetwork(ModelSpec.mlp(5, new int[] {4, 3}, Activation.TANH, Task.MULTICLASS, 2));
        assertEquals(List.of("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"),
                net.layout().names());
        assertArrayEquals(new int[] {4, 3}, net.layout().get(2).shape());
        assertArrayEquals(new int[] {3, 2}, net.layout().get(4).shape());
        assertEquals(List.of("layer0.weight"), new DenseNetwork(ModelSpec.linearRegression(3).withBias(false)).layout().names());
        assertEquals(5 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2, net.layout().totalSize(), "flat length");
    }

    @Test
    void initialisationIsDeterministicBySeedAndBounded() {
        ModelSpec spec = ModelSpec.mlp(50, new int[] {20}, Activation.RELU, Task.REGRESSION, 0).withSeed(7);
        DenseNetwork net = new DenseNetwork(spec);
        {
            float[] a = net.initialParameters();
            float[] w0 = Arrays.copyOfRange(a, 0, 50 * 20);
            assertArrayEquals(a, net.initialParameters(), "same seed, same weights");
            assertFalse(Arrays.equals(a, new DenseNetwork(spec.withSeed(8)).initialParameters()), "another seed, other weights");
            double heLimit = Math.sqrt(6.0 / 50);
            double max = 0;
            for (float w : w0) {
                max = Math.max(max, Math.abs(w));
            }
            assertTrue(max <= heLimit && max > 0.8 * heLimit, "hidden ReLU weights within ±√(6/fan_in) = " + heLimit + ", max " + max);
            double glorot = Math.sqrt(6.0 / (20 + 1));
            for (float w : Arrays.copyOfRange(a, 50 * 20 + 20, 50 * 20 + 20 + 20)) {
                assertTrue(Math.abs(w) <= glorot, "output weights within Glorot ±" + glorot + ": " + w);
            }
            for (float v : Arrays.copyOfRange(a, 50 * 20, 50 * 20 + 20)) {
                assertEquals(0f, v, "biases start at 0");
            }
            for (float v : new DenseNetwork(ModelSpec.softmaxRegression(4, 3)).initialParameters()) {
                assertEquals(0f, v, "one-layer models start at w0 = 0");
            }
        }
    }
}
