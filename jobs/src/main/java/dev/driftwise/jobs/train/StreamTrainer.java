package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.decode.RejectReason;
import dev.driftwise.jobs.decode.Rejection;
import dev.driftwise.jobs.learn.StreamLearner;
import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One learner key's training logic, free of Flink: validates each sample (bad ones become dead
 * letters), fills a micro-batch that closes on a count (so a replay cuts the same batches), runs the
 * learner's predict-then-learn step, and decides when a model snapshot, step sizes and metrics are due.
 * The Flink operator only stores what {@link #learnerState()}, {@link #trainerState()} and
 * {@link #openBatch()} hand it, at checkpoints.
 */
public final class StreamTrainer implements AutoCloseable {

    /** What {@link #accept} did with a sample. */
    public enum Outcome { REJECTED, BUFFERED, LEARNED }

    private final String key;
    private final StreamLearner learner;
    private final Cadence cadence;
    private final int batchSize;
    private final int d;
    private final float[] batchFeatures;
    private final double[] batchTargets;
    private final int[] batchPartitions;
    private final long[] batchOffsets;
    private final int[] batchConcepts;
    private final double[] losses;
    private final boolean[] correct;
    private int batchCount;
    private TrainerState state;
    private long lastMetricsNanos = System.nanoTime();
    private long lastMetricsSamples;

    public StreamTrainer(String key, StreamLearner learner, int microBatch, Cadence cadence) {
        this.key = key;
        this.learner = learner;
        this.cadence = cadence;
        this.batchSize = microBatch;
        this.d = learner.featureCount();
        this.batchFeatures = new float[microBatch * d];
        this.batchTargets = new double[microBatch];
        this.batchPartitions = new int[microBatch];
        this.batchOffsets = new long[microBatch];
        this.batchConcepts = new int[microBatch];
        this.losses = new double[microBatch];
        this.correct = new boolean[microBatch];
        this.state = new TrainerState(cadence, learner.classes() > 0);
    }

    /** Continues from stored state: the learner's bytes, the trainer's bytes and the open micro-batch. */
    public void restore(byte[] learnerState, byte[] trainerState, Iterable<PendingSample> openBatch) {
        if (learnerState != null) {
            learner.restoreState(learnerState);
        }
        if (trainerState != null) {
            state = TrainerState.decode(trainerState);
        }
        batchCount = 0;
        if (openBatch != null) {
            for (PendingSample p : openBatch) {
                buffer(p.features, p.target, p.partition, p.offset, p.conceptId);
            }
        }
        lastMetricsSamples = state.samplesSeen;
    }

    public Outcome accept(LabeledSample s, TrainingEvents out) {
        try {
            learner.check(s.features, s.target);
        } catch (InvalidSampleException e) {
            state.deadLetters++;
            out.deadLetter(rejection(s, e));
            return Outcome.REJECTED;
        }
        int partition = s.source == null ? 0 : s.source.partition;
        long offset = s.source == null ? -1 : s.source.offset;
        buffer(s.features, s.target, partition, offset, s.conceptId);
        if (batchCount < batchSize) {
            return Outcome.BUFFERED;
        }
        learnBatch(out);
        return Outcome.LEARNED;
    }

    /**
     * End of a bounded input: learns the open (partial) micro-batch and publishes a final model snapshot
     * when the model changed since the last one.
     *
     * @return whether anything changed (the caller stores the state again)
     */
    public boolean finish(TrainingEvents out) {
        boolean changed = false;
        if (batchCount > 0) {
            learnBatch(out);
            changed = true;
        }
        if (learner.steps() > state.stepsAtLastModel) {
            publishModel(out);
            changed = true;
        }
        return changed;
    }

    /** The learner's reason and message, plus what only the job knows: the stream and the flag that sets its model. */
    private Rejection rejection(LabeledSample s, InvalidSampleException e) {
        RejectReason reason = RejectReason.of(e.reason());
        String detail = "stream " + s.streamId + ", model " + learner.modelSpec() + ": " + e.getMessage();
        if (reason != RejectReason.NON_FINITE) {
            // a count or class mismatch on a whole stream usually means the model was configured for another stream
            detail += "; if the stream is right, configure its model with --stream." + s.streamId + ".model";
        }
        return new Rejection(reason, detail, s.streamId, s.source);
    }

    private void buffer(float[] features, double target, int partition, long offset, int concept) {
        System.arraycopy(features, 0, batchFeatures, batchCount * d, d);
        batchTargets[batchCount] = target;
        batchPartitions[batchCount] = partition;
        batchOffsets[batchCount] = offset;
        batchConcepts[batchCount] = concept;
        batchCount++;
    }

    private void learnBatch(TrainingEvents out) {
        int n = batchCount;
        long start = System.nanoTime();
        learner.learn(batchFeatures, batchTargets, n, losses, correct);
        out.stepTime(System.nanoTime() - start);
        for (int i = 0; i < n; i++) {
            state.metrics.record(losses[i], correct[i]);
            // one map update per run of a partition (usually one per batch), not a boxed merge per record
            if (i + 1 == n || batchPartitions[i + 1] != batchPartitions[i]) {
                state.nextOffsets.merge(batchPartitions[i], batchOffsets[i] + 1, Math::max);
            }
            if (batchConcepts[i] >= 0) {
                state.lastConceptId = batchConcepts[i];
            }
        }
        state.samplesSeen += n;
        batchCount = 0;
        long steps = learner.steps();
        // z every step for the window statistics; the full step sizes (trace norms) only when published
        state.metaGradients.add(learner.lastMetaGradients());
        if (steps - state.stepsAtLastStepSizes >= cadence.stepSizesEvery()) {
            List<BlockStepSize> blocks = learner.stepSizes();
            state.stepSizeVersion++;
            state.stepsAtLastStepSizes = steps;
            out.stepSizes(new StepSizeUpdate(key, state.stepSizeVersion, steps, state.samplesSeen, learner.optimizer(),
                    blocks, state.metaGradients.means(), state.metaGradients.standardDeviations()));
            state.metaGradients.reset();
        }
        if (steps - state.stepsAtLastModel >= cadence.snapshotEvery()) {
            publishModel(out);
        }
        if (state.samplesSeen - state.samplesAtLastMetrics >= cadence.metricsEvery()) {
            publishMetrics(out, steps);
        }
    }

    private void publishModel(TrainingEvents out) {
        state.modelVersion++;
        state.stepsAtLastModel = learner.steps();
        out.model(new ModelUpdate(key, state.modelVersion, learner.steps(), state.samplesSeen, learner.modelSpec(),
                learner.optimizer(), learner.parameters(), learner.featureStatistics().orElse(null), cadence.sourceTopic(),
                Map.copyOf(state.nextOffsets), summary()));
    }

    private void publishMetrics(TrainingEvents out, long steps) {
        state.samplesAtLastMetrics = state.samplesSeen;
        long now = System.nanoTime();
        double seconds = (now - lastMetricsNanos) / 1e9;
        double rate = seconds > 0 ? (state.samplesSeen - lastMetricsSamples) / seconds : 0;
        lastMetricsNanos = now;
        lastMetricsSamples = state.samplesSeen;
        PrequentialMetrics m = state.metrics;
        MetricsSummary current = m.summary(steps);
        boolean classifier = m.classifier();
        out.metrics(new MetricsUpdate(key, steps, state.samplesSeen, m.window(), current.windowLoss(), m.fadingFactor(),
                current.fadingLoss(), classifier ? current.windowAccuracy() : null,
                classifier ? current.fadingAccuracy() : null, rate,
                state.lastConceptId >= 0 ? state.lastConceptId : null, state.deadLetters));
    }

    private Map<String, Double> summary() {
        MetricsSummary now = state.metrics.summary(learner.steps());
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("windowLoss", now.windowLoss());
        s.put("fadingLoss", now.fadingLoss());
        if (state.metrics.classifier()) {
            s.put("windowAccuracy", now.windowAccuracy());
        }
        // the averages leave NaN/infinite losses out, so a diverging model shows here, not as an infinite loss
        s.put("nonFiniteLosses", (double) now.nonFiniteLosses());
        return s;
    }

    /** Copies of the samples in the open micro-batch, in order: what a checkpoint stores. */
    public List<PendingSample> openBatch() {
        List<PendingSample> out = new java.util.ArrayList<>(batchCount);
        for (int i = 0; i < batchCount; i++) {
            float[] x = new float[d];
            System.arraycopy(batchFeatures, i * d, x, 0, d);
            out.add(new PendingSample(x, batchTargets[i], batchPartitions[i], batchOffsets[i], batchConcepts[i]));
        }
        return out;
    }

    public byte[] learnerState() {
        return learner.saveState();
    }

    public byte[] trainerState() {
        return state.encode();
    }

    public String key() {
        return key;
    }

    public long samplesSeen() {
        return state.samplesSeen;
    }

    public long deadLetters() {
        return state.deadLetters;
    }

    public long modelVersion() {
        return state.modelVersion;
    }

    public int openBatchSize() {
        return batchCount;
    }

    public double windowLoss() {
        return state.metrics.summary(learner.steps()).windowLoss();
    }

    public StreamLearner learner() {
        return learner;
    }

    @Override
    public void close() {
        learner.close();
    }
}
