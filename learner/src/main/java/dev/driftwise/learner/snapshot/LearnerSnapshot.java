package dev.driftwise.learner.snapshot;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.learner.model.ModelSpec;
import java.util.List;

/**
 * Everything a learner needs to continue bit for bit, and a consumer needs to predict, with its
 * provenance. {@link SnapshotCodec} turns it into versioned bytes and back. The optimizer state is
 * engine-neutral: a snapshot taken on one engine restores on the other.
 *
 * @param modelSpec the model
 * @param optimizer the optimizer's canonical spec: {@code OptimizerSpec.parse(optimizer)} rebuilds it
 * @param engine the engine it was taken on ("jvm" or "torch"), for the record
 * @param steps micro-batches learned from
 * @param standardizer running feature statistics, or null when the spec does not standardise
 * @param metrics prequential metric accumulators
 * @param parameters the parameter tensors in layout order
 * @param optimizerState the optimizer's {@code saveState()} bytes
 */
public record LearnerSnapshot(ModelSpec modelSpec, String optimizer, String engine, long steps,
                              FeatureStandardizer standardizer, PrequentialMetrics metrics,
                              List<ParameterTensor> parameters, byte[] optimizerState) {

    public LearnerSnapshot {
        parameters = List.copyOf(parameters);
    }

    public long samplesSeen() {
        return metrics.samples();
    }

    public byte[] toBytes() {
        return SnapshotCodec.write(this);
    }

    public static LearnerSnapshot fromBytes(byte[] bytes) {
        return SnapshotCodec.read(bytes);
    }
}
