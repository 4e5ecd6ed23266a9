package dev.driftwise.learner.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each loss against numbers worked by hand. */
class LossTest {

    @Test
    void squaredErrorIsHalfTheSquaredResidual() {
        float[] dz = new float[1];
        assertEquals(0.5 * 1.5 * 1.5, Loss.SQUARED_ERROR.lossAndGradient(new float[] {2.5f}, 0, 1, 1.0, dz, 0.5), 1e-12);
        assertEquals(0.75, dz[0], 1e-7, "(ŷ − y) · scale = 1.5 · 0.5");
    }

    @Test
    void logisticLossAndItsGradient() {
        float[] dz = new float[1];
        // z = 0: loss = log 2 for either class, gradient σ(0) − y
        assertEquals(Math.log(2), Loss.LOGISTIC.lossAndGradient(new float[] {0}, 0, 1, 1, dz, 1), 1e-12);
        assertEquals(-0.5, dz[0], 1e-7);
        // z = 2, y = 0: log(1 + e²) = 2.126928...
        assertEquals(2.1269280110429727, Loss.LOGISTIC.lossAndGradient(new float[] {2}, 0, 1, 0, dz, 1), 1e-12);
        assertEquals(0.8807970779778823, dz[0], 1e-7);
        // a confident wrong logit stays finite (no log(0))
        double big = Loss.LOGISTIC.lossAndGradient(new float[] {-800}, 0, 1, 1, dz, 1);
        assertEquals(800, big, 1e-9);
        assertTrue(Loss.LOGISTIC.correct(new float[] {0.1f}, 0, 1, 1));
        assertFalse(Loss.LOGISTIC.correct(new float[] {-0.1f}, 0, 1, 1));
    }

    @Test
    void crossEntropyAndSoftmaxGradient() {
        float[] z = {1, 2, 3};
        float[] dz = new float[3];
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(-Math.log(Math.exp(1) / sum), Loss.CROSS_ENTROPY.lossAndGradient(z, 0, 3, 0, dz, 1), 1e-12);
        assertEquals(Math.exp(1) / sum - 1, dz[0], 1e-7);
        assertEquals(Math.exp(3) / sum, dz[2], 1e-7);
        assertTrue(Loss.CROSS_ENTROPY.correct(z, 0, 3, 2));
        double[] p = new double[3];
        Loss.CROSS_ENTROPY.predict(z, 0, 3, p, 0);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        float[] curvature = new float[3];
        Loss.CROSS_ENTROPY.curvatures(z, 0, 3, curvature, 1);
        assertEquals(p[1] * (1 - p[1]), curvature[1], 1e-7);
        // huge logits: the max shift keeps it finite
        assertEquals(0.0, Loss.CROSS_ENTROPY.lossAndGradient(new float[] {1000, 0, 0}, 0, 3, 0, dz, 1), 1e-12);
    }
}
