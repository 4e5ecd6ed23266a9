package dev.driftwise.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.testing.FixedStepSgd;
import dev.driftwise.learner.testing.Streams;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * By-hand measurement (not a test): learner step time per sample against micro-batch size, for a
 * linear model (d = 20) and an MLP 100-128-10, plus hand-written backprop against libtorch autograd
 * for the MLP's gradient. Run: see learner/README.md ("Measured").
 */
public final class LearnerStepTiming {

    // With ai.djl.pytorch.num_threads=1 libtorch computes in the calling thread, so its CPU time is
    // the step's cost even on a loaded machine where wall time is not.
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        System.out.printf("%-22s %6s %8s %12s %14s %14s%n", "model", "batch", "steps", "wall µs/step", "cpu µs/step", "cpu µs/sample");
        for (ModelSpec spec : new ModelSpec[] {ModelSpec.linearRegression(20),
                ModelSpec.mlp(100, new int[] {128}, Activation.RELU, Task.MULTICLASS, 10)}) {
            for (int batchSize : new int[] {1, 8, 32, 128, 512}) {
                timeLearner(spec, batchSize, seconds);
            }
        }
        ModelSpec mlp = ModelSpec.mlp(100, new int[] {128}, Activation.RELU, Task.MULTICLASS, 10);
        timeSnapshot(ModelSpec.linearRegression(20), seconds);
        timeSnapshot(mlp, seconds);
        for (int batchSize : new int[] {1, 32, 512}) {
            timeGradients(mlp, batchSize, seconds);
        }
    }

    private static void timeLearner(ModelSpec spec, int batchSize, double seconds) {
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(FixedStepSgd.factory(0.001))
                .optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(1);
            int pool = 16; // pre-filled batches: time the learner, not the generator
            MicroBatch[] batches = new MicroBatch[pool];
            for (int i = 0; i < pool; i++) {
                batches[i] = fill(spec, learner.newBatch(batchSize), batchSize, random);
            }
            long steps = run(learner, batches, (long) (seconds * 0.3e9)); // warm-up
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            steps = run(learner, batches, (long) (seconds * 1e9));
            double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e3 / steps;
            double wall = (System.nanoTime() - start) / 1e3 / steps;
            System.out.printf("%-22s %6d %8d %12.1f %14.1f %14.2f%n", name(spec), batchSize, steps, wall, cpu, cpu / batchSize);
        }
    }

    /** Snapshot bytes, snapshot() and restore() CPU time, with MetaOptimize (Adam base, Lion meta, per-tensor blocks). */
    private static void timeSnapshot(ModelSpec spec, double seconds) {
        OptimizerFactory meta = OptimizerFactory.of("metaoptimize(adam,lion,per-tensor)", (layout, manager) ->
                dev.driftwise.metaoptimize.MetaOptimize.builder()
                        .optBlocks(dev.driftwise.metaoptimize.blocks.StepSizeBlocks.perTensor()).build(layout, manager));
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(meta).optDevice(DeviceChoice.CPU).build();
             OnlineLearner other = OnlineLearner.builder(spec).optimizer(meta).optDevice(DeviceChoice.CPU).build()) {
            MicroBatch batch = fill(spec, learner.newBatch(32), 32, new SplittableRandom(3));
            for (int i = 0; i < 10; i++) {
                learner.learn(batch);
            }
            byte[] bytes = learner.snapshot();
            long n = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long end = System.nanoTime() + (long) (seconds * 0.5e9);
            while (System.nanoTime() < end) {
                bytes = learner.snapshot();
                n++;
            }
            double save = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n;
            n = 0;
            start = CPU.getCurrentThreadCpuTime();
            end = System.nanoTime() + (long) (seconds * 0.5e9);
            while (System.nanoTime() < end) {
                other.restore(bytes);
                n++;
            }
            double restore = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n;
            System.out.printf("snapshot %-22s %,d params: %,d bytes, snapshot() %.0f cpu µs, restore() %.0f cpu µs%n",
                    name(spec), spec.parameterCount(), bytes.length, save, restore);
        }
    }

    private static long run(OnlineLearner learner, MicroBatch[] batches, long nanos) {
        long end = System.nanoTime() + nanos;
        long steps = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 8; i++) {
                learner.learn(batches[(int) (steps++ % batches.length)]);
            }
        }
        return steps;
    }

    private static void timeGradients(ModelSpec spec, int batchSize, double seconds) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            DenseNetwork network = new DenseNetwork(spec);
            NDList params = network.initialParameters(manager);
            MicroBatch batch = fill(spec, new MicroBatch(batchSize, spec.inputs()), batchSize, new SplittableRandom(2));
            float[] xs = new float[batchSize * spec.inputs()];
            System.arraycopy(batch.featureBuffer(), 0, xs, 0, xs.length);
            NDArray x = manager.create(xs, new Shape(batchSize, spec.inputs()));
            float[] oneHot = new float[batchSize * spec.outputs()];
            for (int s = 0; s < batchSize; s++) {
                oneHot[s * spec.outputs() + (int) batch.target(s)] = 1;
            }
            NDArray y = manager.create(oneHot, new Shape(batchSize, spec.outputs()));
            BatchGradients analytic = new BatchGradients(network, manager);
            for (String mode : new String[] {"hand-written backprop", "libtorch autograd", "hand-written backprop", "libtorch autograd"}) {
                boolean autograd = mode.startsWith("libtorch");
                long end = System.nanoTime() + (long) (seconds * 1e9);
                long n = 0;
                long start = CPU.getCurrentThreadCpuTime();
                while (System.nanoTime() < end) {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        if (autograd) {
                            autogradStep(network, params, x, y, batchSize);
                        } else {
                            analytic.compute(params, x, batch, false);
                        }
                    }
                    n++;
                }
                System.out.printf("gradient only, %-22s batch %4d: %8.1f cpu µs/step%n", mode, batchSize,
                        (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n);
            }
        }
    }

    /** Forward, loss and backward through autograd (stack notes §9.1 recipe); grads zeroed after. */
    private static void autogradStep(DenseNetwork network, NDList params, NDArray x, NDArray y, int n) {
        JniUtils.setGradMode(true);
        try {
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            NDArray z = network.forward(params, x).logits();
            NDArray loss = z.logSoftmax(1).mul(y).sum().neg().div(n);
            float[] host = z.toFloatArray(); // the learner needs the logits on the host for scoring anyway
            if (host.length == 0) {
                throw new IllegalStateException();
            }
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.subi(g);
            }
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    private static MicroBatch fill(ModelSpec spec, MicroBatch batch, int n, SplittableRandom random) {
        if (spec.task() == Task.REGRESSION) {
            Streams.fillLinear(batch, n, random, 0.1);
        } else {
            Streams.fillMulticlass(batch, n, spec.outputs(), random);
        }
        return batch;
    }

    private static String name(ModelSpec spec) {
        return spec.kind() == dev.driftwise.learner.model.ModelKind.MLP ? "mlp 100-128-10 relu" : "linear d=20";
    }
}
