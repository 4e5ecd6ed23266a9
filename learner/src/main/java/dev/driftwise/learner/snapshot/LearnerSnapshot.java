package dev.driftwise.learner.snapshot;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.learner.model.ModelSpec;
import java.util.List;

/**
 * Everything a learner needs to continue bit for bit, and a consumer needs to predict, with its
 * provenance. {@link SnapshotCodec} turns it into versioned bytes and back.
 *
 * @param modelSpec the model
 * @param optimizerDescription the optimizer factory's description (provenance)
 * @param optimizerSpec the optimizer's own name and hyper-parameters, as text (provenance)
 * @param steps micro-batches learned from
 * @param standardizer running feature statistics, or null when the spec does not standardise
 * @param metrics prequential metric accumulators
 * @param parameters the parameter tensors in layout order
 * @param optimizerState the optimizer's {@code saveState()} bytes
 */
public record LearnerSnapshot(ModelSpec modelSpec, String optimizerDescription, String optimizerSpec, long steps,
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
