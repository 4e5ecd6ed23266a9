package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.bench.harness.task.BenchTask;
import dev.driftwise.bench.harness.task.WeightGroup;
import dev.driftwise.learner.BatchScores;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one method configuration on one run's stream, prequentially: per micro-batch, predict and
 * score every sample (loss before the update), then one optimizer step; the generator applies its
 * scheduled drift as it produces the samples. A non-finite loss ends the run as diverged. A scorer
 * that judges step sizes (T2) gets α after every step: a fixed-step method's grid point, else the
 * optimizer's first block ({@link dev.driftwise.learner.LearnerStatus#alphas}). Besides
 * the scorer's series, the run records {@code driftStarts}: the samples at which the generator's
 * drift index stepped up (the drift marks of the charts), at most {@link #MAX_DRIFT_MARKS}.
 */
public final class SingleRun {

    /** T1 flips a weight every 20 samples (1,500 drifts in 30,000): more marks than that say nothing. */
    static final int MAX_DRIFT_MARKS = 10_000;

    private SingleRun() {
    }

    public static RunResult run(BenchTask task, BenchMethod method, int run, long seed, RunSettings settings) {
        long start = System.nanoTime();
        SampleStream stream = task.open(seed);
        GeneratedSample sample = new GeneratedSample(stream.featureCount());
        TaskScorer scorer = task.newScorer(settings.samples(), stream);
        StreamDigest digest = new StreamDigest();
        StepSizeProbe[] probe = new StepSizeProbe[1];
        List<PathPoint> path = new ArrayList<>();
        long every = Math.max(1, settings.samples() / settings.pathPoints());
        long divergedAt = -1;
        long seen = 0;
        double[] driftStarts = new double[16];
        int drifts = 0;
        int lastDriftIndex = 0;
        String optimizer;
        Map<String, String> optimizerSettings;
        try (OnlineLearner learner = OnlineLearner.builder(task.model().withSeed(seed))
                .optimizer(StepSizeProbe.wrapping(method.config(task.model().facts()), probe)).optDevice(DeviceChoice.CPU)
                .optMicroBatch(settings.batch()).build()) {
            optimizer = learner.optimizer();
            optimizerSettings = learner.optimizerSettings();
            MicroBatch batch = learner.newBatch(settings.batch());
            int[] drift = new int[settings.batch()];
            long nextRecord = every;
            while (seen < settings.samples() && divergedAt < 0) {
                batch.clear();
                int n = (int) Math.min(settings.batch(), settings.samples() - seen);
                for (int b = 0; b < n; b++) {
                    stream.next(sample);
                    digest.add(sample);
                    batch.add(sample.features, sample.target);
                    drift[b] = sample.driftIndex;
                    if (sample.driftIndex != lastDriftIndex) {
                        lastDriftIndex = sample.driftIndex;
                        if (drifts < MAX_DRIFT_MARKS) {
                            driftStarts = drifts == driftStarts.length ? Arrays.copyOf(driftStarts, drifts * 2) : driftStarts;
                            driftStarts[drifts++] = seen + b;
                        }
                    }
                }
                boolean record = seen + n >= nextRecord || seen + n == settings.samples();
                if (record) {
                    probe[0].arm();
                }
                BatchScores scores = learner.learn(batch);
                if (scorer.judgesStepSize()) {
                    scorer.learnedWith(learner.alphas()[0]);
                }
                for (int b = 0; b < n; b++) {
                    double loss = scores.loss(b);
                    if (!Double.isFinite(loss) && divergedAt < 0) {
                        divergedAt = seen + b;
                    }
                    scorer.record(seen + b, drift[b], loss, scores.correct(b));
                }
                seen += n;
                if (record) {
                    path.add(new PathPoint(seen, learner.stepSizes(), groupSteps(task.weightGroups(), probe[0].effective(),
                            task.model().outputs())));
                    while (nextRecord <= seen) {
                        nextRecord += every;
                    }
                }
            }
        }
        Map<String, Double> scores = scorer.scores();
        if (divergedAt >= 0) {
            scores = new LinkedHashMap<>(scores);
            scores.replaceAll((k, v) -> Double.NaN);
        }
        Map<String, double[]> series = new LinkedHashMap<>(scorer.series());
        series.put("driftStarts", Arrays.copyOf(driftStarts, drifts));
        return new RunResult(method, optimizer, optimizerSettings, run, seed, seen, scores, series, divergedAt, digest.value(),
                path, (System.nanoTime() - start) / 1e9);
    }

    /** Median effective step of each group's inputs (over every output for multi-output models). */
    static Map<String, Double> groupSteps(List<WeightGroup> groups, double[] effective, int outputs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (WeightGroup g : groups) {
            double[] v = new double[g.features().length * outputs];
            int k = 0;
            for (int f : g.features()) {
                for (int o = 0; o < outputs; o++) {
                    int i = f * outputs + o;
                    if (i < effective.length && !Double.isNaN(effective[i])) {
                        v[k++] = effective[i];
                    }
                }
            }
            out.put(g.name(), median(Arrays.copyOf(v, k)));
        }
        return out;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
