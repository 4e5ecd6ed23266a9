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
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written backward pass, on both engines, against a double-precision finite-difference reference and against libtorch autograd. */
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

    static Stream<Arguments> everywhere() {
        return specs().flatMap(s -> Stream.of(EngineChoice.JVM, EngineChoice.TORCH).map(e -> Arguments.of(s, e)));
    }

    /** Loss and gradients of {@code batch} at {@code tensors} on an engine: what the learner computes. */
    private static double[][] lossAndGradients(ModelSpec spec, EngineChoice kind, List<ParameterTensor> tensors,
            MicroBatch batch, boolean diagonal) {
        DenseNetwork network = new DenseNetwork(spec);
        try (Engine e = kind.open(DeviceChoice.CPU, spec.parameterCount(), 1); BatchRunner runner = new BatchRunner(network, e)) {
            int size = network.layout().totalSize();
            Vec params = e.zeros(size, DType.FLOAT32);
            e.upload(params, ParameterTensor.flatten(tensors), 0);
            Vec gradients = e.zeros(size, DType.FLOAT32);
            runner.upload(batch, null);
            double[] losses = runner.lossAndGradients(params, batch, gradients).clone();
            double[] g = new double[size];
            e.download(gradients, g, 0);
            double[] d = new double[size];
            if (diagonal) {
                Vec diag = e.zeros(size, DType.FLOAT32);
                runner.diagonalHessian(batch, diag);
                e.download(diag, d, 0);
            }
            return new double[][] {losses, g, d};
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everywhere")
    void backwardMatchesFiniteDifferencesOfADoubleReference(ModelSpec spec, EngineChoice kind) {
        SplittableRandom random = new SplittableRandom(7);
        int n = 6;
        MicroBatch batch = batch(spec, n, random);
        DenseNetwork network = new DenseNetwork(spec);
        List<ParameterTensor> tensors = randomTensors(network, random);
        double[][] result = lossAndGradients(spec, kind, tensors, batch, false);
        ReferenceNetwork reference = new ReferenceNetwork(spec);
        double[][] p = toDouble(tensors);
        double[][] numeric = reference.numericGradient(p, rows(batch), targets(batch));
        for (int t = 0; t < numeric.length; t++) {
            int offset = network.layout().offset(t);
            for (int i = 0; i < numeric[t].length; i++) {
                assertEquals(numeric[t][i], result[1][offset + i], 1e-4 + 1e-3 * Math.abs(numeric[t][i]),
                        spec + " on " + kind + ": d/d " + tensors.get(t).name() + "[" + i + "]");
            }
        }
        for (int s = 0; s < n; s++) {
            double expected = reference.loss(reference.logits(p, rows(batch)[s]), batch.target(s));
            assertEquals(expected, result[0][s], 1e-5 * Math.max(1, Math.abs(expected)), spec + ": loss of sample " + s);
        }
    }

    @Test
    void mlpBackwardEqualsLibtorchAutograd() {
        ModelSpec spec = ModelSpec.mlp(8, new int[] {16, 8}, Activation.TANH, Task.MULTICLASS, 4).withSeed(3);
        SplittableRandom random = new SplittableRandom(11);
        int n = 5;
        MicroBatch batch = batch(spec, n, random);
        DenseNetwork network = new DenseNetwork(spec);
        float[] flat = network.initialParameters();
        List<ParameterTensor> tensors = new ArrayList<>();
        for (int t = 0; t < network.layout().count(); t++) {
            ParameterLayout.Entry e = network.layout().get(t);
            tensors.add(new ParameterTensor(e.name(), java.util.Arrays.stream(e.shape()).asLongStream().toArray(),
                    java.util.Arrays.copyOfRange(flat, network.layout().offset(t), network.layout().offset(t) + e.size())));
        }
        double[] analytic = lossAndGradients(spec, EngineChoice.JVM, tensors, batch, false)[1];
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // The recipe of stack notes §9.1: thread-local grad mode and JniUtils.backward, no GradientCollector.
            NDList params = new NDList();
            for (ParameterTensor t : tensors) {
                params.add(manager.create(t.data(), new Shape(t.shape())));
            }
            NDArray x = manager.create(features(batch), new Shape(n, spec.inputs()));
            float[] oneHot = new float[n * 4];
            for (int s = 0; s < n; s++) {
                oneHot[s * 4 + (int) batch.target(s)] = 1;
            }
            NDArray y = manager.create(oneHot, new Shape(n, 4));
            JniUtils.setGradMode(true);
            try {
                for (NDArray p : params) {
                    p.setRequiresGradient(true);
                }
                NDArray h = x;
                for (int l = 0; l < 3; l++) { // an independent forward pass written with DJL's own ops
                    NDArray a = h.matMul(params.get(2 * l)).add(params.get(2 * l + 1));
                    h = l < 2 ? a.tanh() : a;
                }
                NDArray loss = h.logSoftmax(1).mul(y).sum().neg().div(n);
                JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
                for (int t = 0; t < params.size(); t++) {
                    float[] expected = params.get(t).getGradient().toFloatArray();
                    int offset = network.layout().offset(t);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], analytic[offset + i], 1e-6 + 1e-5 * Math.abs(expected[i]),
                                network.layout().get(t).name() + "[" + i + "]");
                    }
                }
            } finally {
                JniUtils.setGradMode(false);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineChoice.class, names = {"JVM", "TORCH"})
    void diagonalHessianOfOneLayerModelsIsExact(EngineChoice kind) {
        for (ModelSpec spec : List.of(ModelSpec.linearRegression(3), ModelSpec.logisticRegression(3),
                ModelSpec.softmaxRegression(3, 3))) {
            SplittableRandom random = new SplittableRandom(5);
            int n = 4;
            MicroBatch batch = batch(spec, n, random);
            DenseNetwork network = new DenseNetwork(spec);
            List<ParameterTensor> tensors = randomTensors(network, random);
            double[] diag = lossAndGradients(spec, kind, tensors, batch, true)[2];
            ReferenceNetwork reference = new ReferenceNetwork(spec);
            double[][] p = toDouble(tensors);
            double eps = 1e-4;
            for (int t = 0; t < p.length; t++) {
                int offset = network.layout().offset(t);
                for (int i = 0; i < p[t].length; i++) {
                    double keep = p[t][i];
                    double mid = reference.meanLoss(p, rows(batch), targets(batch));
                    p[t][i] = keep + eps;
                    double up = reference.meanLoss(p, rows(batch), targets(batch));
                    p[t][i] = keep - eps;
                    double down = reference.meanLoss(p, rows(batch), targets(batch));
                    p[t][i] = keep;
                    double second = (up - 2 * mid + down) / (eps * eps);
                    assertEquals(second, diag[offset + i], 1e-3 + 1e-3 * Math.abs(second),
                            spec + " on " + kind + ": d²/d " + tensors.get(t).name() + "[" + i + "]²");
                }
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
            float[] data = new float[e.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-0.8, 0.8);
            }
            out.add(new ParameterTensor(e.name(), java.util.Arrays.stream(e.shape()).asLongStream().toArray(), data));
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
