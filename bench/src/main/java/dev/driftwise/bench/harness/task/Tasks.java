package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.DriftRecovery;
import dev.driftwise.bench.harness.score.PrequentialAccuracy;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.SquaredErrorTail;
import dev.driftwise.bench.harness.score.TaskAccuracy;
import dev.driftwise.bench.harness.score.TrackingOptimality;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.drift.DriftingStream;
import dev.driftwise.streams.family.LevelTracking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The learning tasks of benchmarks.md, built on the streams-gen built-in scenarios (same
 * definitions: {@code sutton}, {@code level-tracking}, {@code stationary}, {@code hyperplane}, {@code sea-abrupt},
 * {@code sea-gradual}, {@code permuted}). Shortened streams ({@code --samples}) keep each score's
 * proportions: T1 scores the last third (20,001–30,000 of 30,000), T3 the last tenth.
 */
public final class Tasks {

    /** The 1,000-sample prequential window of T5–T7. */
    public static final int WINDOW = 1000;
    /**
     * T2's methods: the fixed-step SGD and Adam grids, the classic adaptive ones, and the two
     * MetaOptimize configurations issue 12 names (SGD base; the stream default on Adam).
     */
    public static final String T2_METHODS = "default,sgd,adam,idbd,autostep,sgd-hd,"
            + "metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9),metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.999,eta=0.001,alpha-min=3e-5)";
    /** T2's segment: σ is redrawn every 50,000 samples (the {@code level-tracking} scenario). */
    static final long LEVEL_SEGMENT = 50_000;

    private static final PrimaryScore MSE = new PrimaryScore("mse", true);
    private static final PrimaryScore EXCESS_MSE = new PrimaryScore("excessMse", true);
    private static final PrimaryScore ACCURACY = new PrimaryScore("accuracy", false);

    private static final Map<String, GeneratedTask> TASKS = new LinkedHashMap<>();

    static {
        add(new GeneratedTask("T1", "weight flipping (Sutton 1992): 20 inputs, 5 relevant ±1 weights, one flips every 20 samples;"
                + " MSE over the last third (samples 20,001-30,000 of 30,000)", "sutton", null,
                ModelSpec.linearRegression(20).withBias(false), 30_000, MSE,
                (n, stream) -> new SquaredErrorTail(n - n / 3, 0, false, mseWindow(n)),
                List.of(WeightGroup.range("relevant", 0, 5), WeightGroup.range("irrelevant", 5, 20))));
        add(levelTracking());
        add(new GeneratedTask("T3", "stationary control: y = w*.x + N(0,1), 20 inputs; excess MSE over the last tenth (10,000 of 100,000)",
                "stationary", null, ModelSpec.linearRegression(20).withBias(false), 100_000, EXCESS_MSE,
                (n, stream) -> new SquaredErrorTail(n - n / 10, 1.0, true, mseWindow(n)), List.of(WeightGroup.range("all", 0, 20))));
        add(hyperplane("T5", 0.001));
        add(hyperplane("T5-slow", 0.0001));
        add(sea("T6", "sea-abrupt", "abrupt").scaledBy(n -> seaScenario(n, 0)));
        add(sea("T6-gradual", "sea-gradual", "gradual (sigmoid width 50,000)").scaledBy(n -> seaScenario(n, 50_000)));
        GeneratedTask t7 = new GeneratedTask("T7", "permuted-input teacher: 100 inputs, 10 classes, a fresh input permutation every"
                + " 10,000 samples, softmax regression; accuracy per task, first 1,000 per task, slope", "permuted", null,
                ModelSpec.softmaxRegression(100, 10), 2_000_000, ACCURACY,
                (n, stream) -> new TaskAccuracy(WINDOW, 1000), List.of());
        add(t7);
        add(new GeneratedTask("T7-mlp", "T7 with a 100-100-100-10 ReLU MLP", "permuted", null,
                ModelSpec.mlp(100, new int[] {100, 100}, Activation.RELU, Task.MULTICLASS, 10), 2_000_000, ACCURACY,
                (n, stream) -> new TaskAccuracy(WINDOW, 1000), List.of()));
    }

    private Tasks() {
    }

    /** The window of the regression tasks' MSE-over-time series: a hundredth of the stream (T1: 300 samples). */
    public static int mseWindow(long samples) {
        return (int) Math.max(1, samples / 100);
    }

    private static void add(GeneratedTask task) {
        TASKS.put(task.id().toUpperCase(Locale.ROOT), task);
    }

    /**
     * T2: the built-in {@code level-tracking} scenario (segment k = concept k = drift index k, σ_k from
     * the generator), one input x = 1 and one weight, no bias: the weight is the level estimate and its
     * α the LMS gain that α*(σ) names. (A bias and no input would need a stream with no features.)
     * No standardisation: x = 1 is constant. The segment length is not scaled with {@code --samples}:
     * it is what the learner must adapt within; a shorter run just covers fewer segments.
     */
    private static GeneratedTask levelTracking() {
        return new GeneratedTask("T2", "level tracking (Degris et al. 2024): x = 1, y = z + N(0,1), z walks at rate sigma_k ~ U(0,3)"
                + " redrawn every 50,000 samples; MSE (whole stream), MSE_k / (1 + P(sigma_k)) and |ln alpha/alpha*| outside"
                + " each segment's first 5 %", "level-tracking", null, ModelSpec.linearRegression(1).withBias(false),
                1_000_000, MSE, (n, stream) -> new TrackingOptimality(sigmas(stream), LEVEL_SEGMENT / 20, mseWindow(n)),
                List.of(WeightGroup.range("level", 0, 1)))
                .comparing(T2_METHODS);
    }

    /** σ_k of segment k of a {@code level-tracking} stream: the generator's ground truth. */
    private static IntToDoubleFunction sigmas(SampleStream stream) {
        LevelTracking family = (LevelTracking) ((DriftingStream) stream).family();
        return family::sigma;
    }

    private static GeneratedTask hyperplane(String id, double magnitude) {
        String json = "{\"name\":\"" + id + "\",\"streams\":[{\"id\":\"hyperplane\",\"family\":\"hyperplane\","
                + "\"params\":{\"features\":10,\"driftingFeatures\":2,\"noise\":0.05,\"reversalProbability\":0.10},"
                + "\"drift\":[{\"type\":\"incremental\",\"start\":0,\"magnitude\":" + magnitude + "}]}]}";
        return new GeneratedTask(id, "rotating hyperplane (Hulten et al. 2001): 10 inputs, 2 drifting weights moving by t = "
                + magnitude + ", 5 % label noise; prequential accuracy, 1,000-window, log-loss", id, json,
                ModelSpec.logisticRegression(10), 1_000_000, ACCURACY, (n, stream) -> new PrequentialAccuracy(WINDOW),
                List.of(WeightGroup.range("drifting", 0, 2), WeightGroup.range("still", 2, 10)));
    }

    private static GeneratedTask sea(String id, String scenario, String shape) {
        return new GeneratedTask(id, "SEA (Street & Kim 2001), " + shape + " drift at 250k, 500k, 750k, 10 % label noise;"
                + " accuracy, recovery time, step size of the irrelevant a3", scenario, null,
                ModelSpec.logisticRegression(3), 1_000_000, ACCURACY, (n, stream) -> new DriftRecovery(WINDOW, 0.01),
                List.of(WeightGroup.range("a1a2", 0, 2), WeightGroup.range("a3", 2, 3)));
    }

    /**
     * The T6 scenario for a stream of {@code n} samples: drifts at n/4, n/2, 3n/4 (250k, 500k, 750k
     * of 1,000,000) and, for gradual drift, the width scaled the same way (50,000 of 1,000,000).
     */
    static String seaScenario(long n, long protocolWidth) {
        long width = Math.max(1, protocolWidth * n / 1_000_000);
        String drift = protocolWidth == 0
                ? "{\"type\":\"abrupt\",\"at\":[" + n / 4 + "," + n / 2 + "," + 3 * n / 4 + "]}"
                : "{\"type\":\"gradual\",\"at\":[" + n / 4 + "," + n / 2 + "," + 3 * n / 4 + "],\"width\":" + width + "}";
        return "{\"name\":\"sea-scaled\",\"streams\":[{\"id\":\"sea\",\"family\":\"sea\","
                + "\"params\":{\"noise\":0.10,\"featureScale\":0.1},\"drift\":[" + drift + "]}]}";
    }

    /** The task called {@code id} (case-insensitive). */
    public static BenchTask byId(String id) {
        GeneratedTask task = TASKS.get(id.toUpperCase(Locale.ROOT));
        if (task == null) {
            throw new IllegalArgumentException("unknown task '" + id + "'; tasks: " + String.join(", ", ids())
                    + " (or --csv FILE for your own data)");
        }
        return task;
    }

    public static List<String> ids() {
        return TASKS.values().stream().map(GeneratedTask::id).toList();
    }
}
