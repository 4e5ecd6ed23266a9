package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.decode.RejectReason;
import dev.driftwise.jobs.decode.Rejection;
import dev.driftwise.learner.BatchScores;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.LearnerStatus;
import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One learner key's training logic, free of Flink: validates each sample (bad ones become dead
 * letters), fills the learner's micro-batch, which closes on a count (so a replay cuts the same
 * batches), runs the learner's predict-then-learn step, and decides when a model snapshot, step sizes
 * and metrics are due. The learner keeps the stream's prequential metrics; the trainer reads them.
 * The Flink operator only stores what {@link #learnerState()}, {@link #trainerState()} and
 * {@link #openBatch()} hand it, at checkpoints.
 */
public final class StreamTrainer implements AutoCloseable {

    /** What {@link #accept} did with a sample. */
    public enum Outcome { REJECTED, BUFFERED, LEARNED }

    private final String key;
    private final Learner learner;
    private final LearnerStatus status;
    private final Cadence cadence;
    private final int batchSize;
    private final int d;
    private final MicroBatch batch;
    private final int[] batchPartitions;
    private final long[] batchOffsets;
    private final int[] batchConcepts;
    private TrainerState state;
    private long lastMetricsNanos = System.nanoTime();
    private long lastMetricsSamples;

    public StreamTrainer(String key, Learner learner, int microBatch, Cadence cadence) {
        this.key = key;
        this.learner = learner;
        this.status = learner.status();
        this.cadence = cadence;
        this.batchSize = microBatch;
        this.d = learner.spec().inputs();
        this.batch = learner.newBatch(microBatch);
        this.batchPartitions = new int[microBatch];
        this.batchOffsets = new long[microBatch];
        this.batchConcepts = new int[microBatch];
        this.state = new TrainerState();
    }

    /** Continues from stored state: the learner's bytes, the trainer's bytes and the open micro-batch. */
    public void restore(byte[] learnerState, byte[] trainerState, Iterable<PendingSample> openBatch) {
        if (learnerState != null) {
            learner.restore(dev.driftwise.learner.snapshot.LearnerSnapshot.fromBytes(learnerState));
        }
        if (trainerState != null) {
            state = TrainerState.decode(trainerState);
        }
        batch.clear();
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
        if (batch.size() < batchSize) {
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
        if (!batch.isEmpty()) {
            learnBatch(out);
            changed = true;
        }
        if (status.steps() > state.stepsAtLastModel) {
            publishModel(out);
            changed = true;
        }
        return changed;
    }

    /** The learner's reason and message, plus what only the job knows: the stream and the flag that sets its model. */
    private Rejection rejection(LabeledSample s, InvalidSampleException e) {
        RejectReason reason = RejectReason.of(e.reason());
        String detail = "stream " + s.streamId + ", model " + learner.spec() + ": " + e.getMessage();
        if (reason != RejectReason.NON_FINITE) {
            // a count or class mismatch on a whole stream usually means the model was configured for another stream
            detail += "; if the stream is right, configure its model with --stream." + s.streamId + ".model";
        }
        return new Rejection(reason, detail, s.streamId, s.source);
    }

    private void buffer(float[] features, double target, int partition, long offset, int concept) {
        int i = batch.size();
        batch.add(features, 0, target);
        batchPartitions[i] = partition;
        batchOffsets[i] = offset;
        batchConcepts[i] = concept;
    }

    private void learnBatch(TrainingEvents out) {
        int n = batch.size();
        long start = System.nanoTime();
        BatchScores scores = learner.learn(batch);
        out.stepTime(System.nanoTime() - start);
        for (int i = 0; i < n; i++) {
            // one map update per run of a partition (usually one per batch), not a boxed merge per record
            if (i + 1 == n || batchPartitions[i + 1] != batchPartitions[i]) {
                state.nextOffsets.merge(batchPartitions[i], batchOffsets[i] + 1, Math::max);
            }
            if (batchConcepts[i] >= 0) {
                state.lastConceptId = batchConcepts[i];
            }
        }
        state.samplesSeen += n;
        batch.clear();
        long steps = status.steps();
        // z every step for the window statistics; the full step sizes (trace norms) only when published
        state.metaGradients.add(status.lastMetaGradients());
        if (steps - state.stepsAtLastStepSizes >= cadence.stepSizesEvery()) {
            List<BlockStepSize> blocks = status.stepSizes();
            state.stepSizeVersion++;
            state.stepsAtLastStepSizes = steps;
            out.stepSizes(new StepSizeUpdate(key, state.stepSizeVersion, steps, state.samplesSeen, status.optimizer(),
                    status.optimizerSettings(), blocks, state.metaGradients.means(), state.metaGradients.standardDeviations()));
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
        state.stepsAtLastModel = status.steps();
        out.model(new ModelUpdate(key, state.modelVersion, status.steps(), state.samplesSeen,
                learner.spec().toCanonicalString(), status.optimizer(), status.optimizerSettings(), status.parameters(),
                status.featureStatistics().orElse(null),
                cadence.sourceTopic(), Map.copyOf(state.nextOffsets), summary()));
    }

    private void publishMetrics(TrainingEvents out, long steps) {
        state.samplesAtLastMetrics = state.samplesSeen;
        long now = System.nanoTime();
        double seconds = (now - lastMetricsNanos) / 1e9;
        double rate = seconds > 0 ? (state.samplesSeen - lastMetricsSamples) / seconds : 0;
        lastMetricsNanos = now;
        lastMetricsSamples = state.samplesSeen;
        MetricsSummary current = status.metrics();
        boolean classifier = learner.spec().task().isClassification();
        out.metrics(new MetricsUpdate(key, steps, state.samplesSeen, cadence.metricsWindow(), current.windowLoss(),
                cadence.fadingFactor(), current.fadingLoss(), classifier ? current.windowAccuracy() : null,
                classifier ? current.fadingAccuracy() : null, rate,
                state.lastConceptId >= 0 ? state.lastConceptId : null, state.deadLetters));
    }

    private Map<String, Double> summary() {
        MetricsSummary now = status.metrics();
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("windowLoss", now.windowLoss());
        s.put("fadingLoss", now.fadingLoss());
        if (learner.spec().task().isClassification()) {
            s.put("windowAccuracy", now.windowAccuracy());
        }
        // the averages leave NaN/infinite losses out, so a diverging model shows here, not as an infinite loss
        s.put("nonFiniteLosses", (double) now.nonFiniteLosses());
        return s;
    }

    /** Copies of the samples in the open micro-batch, in order: what a checkpoint stores. */
    public List<PendingSample> openBatch() {
        List<PendingSample> out = new java.util.ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            float[] x = new float[d];
            System.arraycopy(batch.featureBuffer(), i * d, x, 0, d);
            out.add(new PendingSample(x, batch.target(i), batchPartitions[i], batchOffsets[i], batchConcepts[i]));
        }
        return out;
    }

    public byte[] learnerState() {
        return learner.snapshot().toBytes();
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
        return batch.size();
    }

    public double windowLoss() {
        return status.metrics().windowLoss();
    }

    public Learner learner() {
        return learner;
    }

    @Override
    public void close() {
        learner.close();
    }
}
