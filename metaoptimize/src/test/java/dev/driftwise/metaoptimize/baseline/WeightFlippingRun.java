package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.testing.WeightFlippingTask;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Task T1 of docs/benchmarks.md, prequential: per sample predict, record (y − ŷ)², then step a
 * linear learner without bias (w0 = 0, loss ½(y − ŷ)², one float64 tensor of shape (20)).
 * Score = MSE over samples 20,001–30,000.
 */
final class WeightFlippingRun {

    static final int SAMPLES = 30_000;
    static final int SCORED_FROM = 20_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final ParameterLayout LAYOUT =
            ParameterLayout.of(List.of(new ParameterLayout.Entry("w", new Shape(WeightFlippingTask.INPUTS))));

    private WeightFlippingRun() {}

    private static final AtomicLong CPU_NANOS = new AtomicLong();

    /** CPU time spent in {@link #score} by all threads so far: a figure that a busy machine does not inflate. */
    static double cpuSeconds() {
        return CPU_NANOS.get() / 1e9;
    }

    /** Runs one seed and returns the score; the optimizer is built, used and closed here. */
    static double score(long seed, Function<ParameterLayout, OnlineOptimizer> optimizer) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            return scoreOn(seed, optimizer);
        } finally {
            CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private static double scoreOn(long seed, Function<ParameterLayout, OnlineOptimizer> optimizer) {
        WeightFlippingTask task = new WeightFlippingTask(seed);
        int d = WeightFlippingTask.INPUTS;
        double[] x = new double[d];
        // the learner's inputs reach the device through reused direct buffers: the harness should
        // cost little next to the optimizer step it measures
        ByteBuffer gradientBytes = ByteBuffer.allocateDirect(8 * d).order(ByteOrder.nativeOrder());
        ByteBuffer squareBytes = ByteBuffer.allocateDirect(8 * d).order(ByteOrder.nativeOrder());
        double squaredErrors = 0;
        try (NDManager manager = NDManager.newBaseManager(); OnlineOptimizer opt = optimizer.apply(LAYOUT)) {
            Shape shape = LAYOUT.get(0).shape();
            NDArray w = manager.zeros(shape, DataType.FLOAT64);
            NDArray g = manager.zeros(shape, DataType.FLOAT64);
            NDArray x2 = manager.zeros(shape, DataType.FLOAT64);
            NDList params = new NDList(w);
            NDList gradients = new NDList(g);
            StepContext context = StepContext.withDiagonalHessian(new NDList(x2));
            for (int t = 0; t < SAMPLES; t++) {
                double y = task.next(x);
                DoubleBuffer weights = w.toByteBuffer(true).order(ByteOrder.nativeOrder()).asDoubleBuffer();
                double error = -y;
                for (int i = 0; i < d; i++) {
                    error += weights.get(i) * x[i];
                }
                if (t >= SCORED_FROM) {
                    squaredErrors += error * error;
                }
                for (int i = 0; i < d; i++) {
                    gradientBytes.putDouble(8 * i, error * x[i]);
                    squareBytes.putDouble(8 * i, x[i] * x[i]);
                }
                g.set(gradientBytes.rewind());
                x2.set(squareBytes.rewind());
                opt.step(params, gradients, context);
            }
        }
        return squaredErrors / (SAMPLES - SCORED_FROM);
    }

    /** Mean and standard error over seeds 1..seeds, two seeds at a time (one optimizer per thread). */
    static double[] meanAndStandardError(int seeds, Function<ParameterLayout, OnlineOptimizer> optimizer) {
        double[] scores = new double[seeds];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                long seed = s + 1;
                runs.add(pool.submit(() -> score(seed, optimizer)));
            }
            for (int s = 0; s < seeds; s++) {
                scores[s] = runs.get(s).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring T1", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a T1 run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return meanAndStandardError(scores);
    }

    static double[] meanAndStandardError(double[] scores) {
        int seeds = scores.length;
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= seeds;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        var /= Math.max(1, seeds - 1);
        return new double[] {mean, Math.sqrt(var / seeds)};
    }
}
