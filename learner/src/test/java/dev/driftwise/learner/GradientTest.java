package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.learner.testing.ReferenceNetwork;
import dev.driftwise.learner.testing.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The hand-written backward pass against a double-precision finite-difference reference and against libtorch autograd. */
class GradientTest {

    static Stream<ModelSpec> specs() {
        return Stream.of(
                ModelSpec.linearRegression(5),
                ModelSpec.linearRegression(4).withBias(false),
                ModelSpec.logisticRegression(5),
                ModelSpec.softmaxRegression(5, 3),
                ModelSpec.mlp(5, new int[] {7, 4}, Activation.RELU, Task.MULTICLASS, 3),
                ModelSpec.mlp(5, new int[] {6}, Activation.TANH, Task.REGRESSION, 0),
                ModelSpec.mlp(5, new int[] {6}, Activation.TANH, Task.BINARY, 0).withBias(false));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void backwardMatchesFiniteDifferencesOfADoubleReference(ModelSpec spec) {
        SplittableRandom random = new SplittableRandom(7);
        int n = 6;
        MicroBatch batch = batch(spec, n, random);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            DenseNetwork network = new DenseNetwork(spec);
            List<ParameterTensor> tensors = randomTensors(network, random);
            NDList params = ParameterTensor.toArrays(tensors, manager);
            NDArray x = manager.create(features(batch), new Shape(n, spec.inputs()));
            BatchGradients.Result result = new BatchGradients(network, manager).compute(params, x, batch, false);

            ReferenceNetwork reference = new ReferenceNetwork(spec);
            double[][] p = toDouble(tensors);
            double[][] numeric = reference.numericGradient(p, rows(batch), targets(batch));
            for (int t = 0; t < numeric.length; t++) {
                float[] analytic = result.gradients().get(t).toFloatArray();
                for (int i = 0; i < analytic.length; i++) {
                    assertEquals(numeric[t][i], analytic[i], 1e-4 + 1e-3 * Math.abs(numeric[t][i]),
                            spec + ": d/d " + tensors.get(t).name() + "[" + i + "]");
                }
            }
            for (int s = 0; s < n; s++) {
                double expected = reference.loss(reference.logits(p, rows(batch)[s]), batch.target(s));
                assertEquals(expected, result.losses()[s], 1e-5 * Math.max(1, Math.abs(expected)), spec + ": loss of sample " + s);
            }
        }
    }

    @Test
    void mlpBackwardEqualsLibtorchAutograd() {
        ModelSpec spec = ModelSpec.mlp(8, new int[] {16, 8}, Activation.TANH, Task.MULTICLASS, 4).withSeed(3);
        SplittableRandom random = new SplittableRandom(11);
        int n = 5;
        MicroBatch batch = batch(spec, n, random);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            DenseNetwork network = new DenseNetwork(spec);
            NDList params = network.initialParameters(manager);
            NDArray x = manager.create(features(batch), new Shape(n, spec.inputs()));
            NDList analytic = new BatchGradients(network, manager).compute(params, x, batch, false).gradients();

            // The recipe of stack notes §9.1: thread-local grad mode and JniUtils.backward, no GradientCollector.
            float[] oneHot = new float[n * 4];
            for (int s = 0; s < n; s++) {
                oneHot[s * 4 + (int) batch.target(s)] = 1;
            }
            NDArray y = manager.create(oneHot, new Shape(n, 4));
            List<NDArray> autogradGrads = new ArrayList<>();
            JniUtils.setGradMode(true);
            try {
                for (NDArray p : params) {
                    p.setRequiresGradient(true);
                }
                NDArray z = network.forward(params, x).logits();
                NDArray loss = z.logSoftmax(1).mul(y).sum().neg().div(n);
                JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
                for (NDArray p : params) {
                    autogradGrads.add(p.getGradient());
                }
            } finally {
                JniUtils.setGradMode(false);
            }
            for (int t = 0; t < params.size(); t++) {
                float[] expected = autogradGrads.get(t).toFloatArray();
                float[] actual = analytic.get(t).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]),
                            network.layout().get(t).name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void diagonalHessianOfOneLayerModelsIsExact() {
        for (ModelSpec spec : List.of(ModelSpec.linearRegression(3), ModelSpec.logisticRegression(3),
                ModelSpec.softmaxRegression(3, 3))) {
            SplittableRandom random = new SplittableRandom(5);
            int n = 4;
            MicroBatch batch = batch(spec, n, random);
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                DenseNetwork network = new DenseNetwork(spec);
                List<ParameterTensor> tensors = randomTensors(network, random);
                NDList params = ParameterTensor.toArrays(tensors, manager);
                NDArray x = manager.create(features(batch), new Shape(n, spec.inputs()));
                NDList diag = new BatchGradients(network, manager).compute(params, x, batch, true).diagonalHessian();
                ReferenceNetwork reference = new ReferenceNetwork(spec);
                double[][] p = toDouble(tensors);
                double eps = 1e-4;
                for (int t = 0; t < p.length; t++) {
                    float[] actual = diag.get(t).toFloatArray();
                    for (int i = 0; i < p[t].length; i++) {
                        double keep = p[t][i];
                        double mid = reference.meanLoss(p, rows(batch), targets(batch));
                        p[t][i] = keep + eps;
                        double up = reference.meanLoss(p, rows(batch), targets(batch));
                        p[t][i] = keep - eps;
                        double down = reference.meanLoss(p, rows(batch), targets(batch));
                        p[t][i] = keep;
                        double second = (up - 2 * mid + down) / (eps * eps);
                        assertEquals(second, actual[i], 1e-3 + 1e-3 * Math.abs(second),
                                spec + ": d²/d " + tensors.get(t).name() + "[" + i + "]²");
                    }
                }
                assertTrue(diag.size() == p.length);
            }
        }
    }

    static MicroBatch batch(ModelSpec spec, int n, SplittableRandom random) {
        MicroBatch batch = new MicroBatch(n, spec.inputs());
        switch (spec.task()) {
            case REGRESSION -> Streams.fillLinear(batch, n, random, 0.3);
            case BINARY -> Streams.fillSeparable(batch, n, random, 0.2);
            case MULTICLASS -> Streams.fillMulticlass(batch, n, spec.outputs(), random);
        }
        return batch;
    }

    static List<ParameterTensor> randomTensors(DenseNetwork network, SplittableRandom random) {
        List<ParameterTensor> out = new ArrayList<>();
        network.layout().entries().forEach(e -> {
            float[] data = new float[(int) e.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-0.8, 0.8);
            }
            out.add(new ParameterTensor(e.name(), e.shape().getShape(), data));
        });
        return out;
    }

    static double[][] toDouble(List<ParameterTensor> tensors) {
        double[][] p = new double[tensors.size()][];
        for (int t = 0; t < p.length; t++) {
            float[] d = tensors.get(t).data();
            p[t] = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                p[t][i] = d[i];
            }
        }
        return p;
    }

    static float[] features(MicroBatch batch) {
        float[] out = new float[batch.size() * batch.featureCount()];
        System.arraycopy(batch.featureBuffer(), 0, out, 0, out.length);
        return out;
    }

    static float[][] rows(MicroBatch batch) {
        float[][] rows = new float[batch.size()][batch.featureCount()];
        for (int s = 0; s < rows.length; s++) {
            for (int j = 0; j < batch.featureCount(); j++) {
                rows[s][j] = batch.feature(s, j);
            }
        }
        return rows;
    }

    static double[] targets(MicroBatch batch) {
        double[] y = new double[batch.size()];
        for (int s = 0; s < y.length; s++) {
            y[s] = batch.target(s);
        }
        return y;
    }
}
