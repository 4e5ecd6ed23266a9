package dev.driftwise.learner;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.snapshot.ParameterTensor;
import java.util.List;

/**
 * A learner snapshot loaded for prediction only: the model, its parameters and its frozen feature
 * statistics, without the optimizer. Predictions equal the learner's at the moment of the
 * snapshot. Not thread-safe; one instance per thread.
 */
public final class PredictOnlyModel implements AutoCloseable {

    private final ModelSpec spec;
    private final long steps;
    private final long samplesSeen;
    private final String optimizerDescription;
    private final NDManager manager;
    private final NDList parameters;
    private final FeatureStandardizer standardizer;
    private final SampleValidator validator;
    private final BatchPredictor predictor;

    private PredictOnlyModel(ModelSpec spec, List<ParameterTensor> tensors, FeatureStandardizer standardizer,
                             long steps, long samplesSeen, String optimizerDescription, Device device) {
        DenseNetwork network = new DenseNetwork(spec);
        ParameterTensor.checkMatches(network.layout(), tensors);
        if (spec.standardize() != (standardizer != null)) {
            throw new IllegalArgumentException("model " + spec + (spec.standardize() ? " needs" : " has no")
                    + " feature statistics but the snapshot " + (standardizer == null ? "has none" : "carries some"));
        }
        this.spec = spec;
        this.steps = steps;
        this.samplesSeen = samplesSeen;
        this.optimizerDescription = optimizerDescription;
        this.standardizer = standardizer;
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        this.parameters = ParameterTensor.toArrays(tensors, manager);
        NDScope.unregister(parameters); // live until close() even if a caller's NDScope is open now
        this.validator = new SampleValidator(spec);
        this.predictor = new BatchPredictor(network, manager);
    }

    /** Loads learner snapshot bytes onto the CPU. */
    public static PredictOnlyModel load(byte[] snapshot) {
        return load(snapshot, DeviceChoice.CPU);
    }

    public static PredictOnlyModel load(byte[] snapshot, DeviceChoice device) {
        return of(LearnerSnapshot.fromBytes(snapshot), device);
    }

    public static PredictOnlyModel of(LearnerSnapshot s, DeviceChoice device) {
        return new PredictOnlyModel(s.modelSpec(), s.parameters(), s.standardizer() == null ? null : s.standardizer().copy(),
                s.steps(), s.samplesSeen(), s.optimizerDescription(), device.resolve());
    }

    /** A model from bare tensors of a spec that does not standardise (see the overload with statistics). */
    public static PredictOnlyModel of(ModelSpec spec, List<ParameterTensor> tensors, DeviceChoice device) {
        return of(spec, tensors, null, device);
    }

    /**
     * A model from bare tensors and, when the spec standardises, the feature statistics the learner had
     * when it published them (e.g. a ModelSnapshot record): it standardises with the learner's own
     * {@link FeatureStandardizer}, so it predicts exactly as the learner did.
     *
     * @param statistics required when {@code spec.standardize()}, else null
     * @throws IllegalArgumentException when tensors or statistics do not fit the spec
     */
    public static PredictOnlyModel of(ModelSpec spec, List<ParameterTensor> tensors, FeatureStandardizer.Statistics statistics,
                                      DeviceChoice device) {
        if (statistics != null && statistics.mean().length != spec.inputs()) {
            throw new IllegalArgumentException("feature statistics cover " + statistics.mean().length + " features, model "
                    + spec + " has " + spec.inputs());
        }
        return new PredictOnlyModel(spec, tensors, statistics == null ? null : FeatureStandardizer.of(statistics), -1, -1,
                "unknown", device.resolve());
    }

    public MicroBatch newBatch(int capacity) {
        return new MicroBatch(capacity, spec.inputs());
    }

    public double[] predict(MicroBatch batch) {
        double[] out = new double[batch.size() * spec.outputs()];
        predict(batch, out);
        return out;
    }

    /** Same meaning as {@link OnlineLearner#predict(MicroBatch, double[])}. */
    public void predict(MicroBatch batch, double[] out) {
        validator.checkFeatures(batch);
        predictor.predict(parameters, batch, standardizer, out);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Optimizer steps the learner had taken at the snapshot (-1 when built from bare tensors). */
    public long steps() {
        return steps;
    }

    public long samplesSeen() {
        return samplesSeen;
    }

    public String optimizerDescription() {
        return optimizerDescription;
    }

    @Override
    public void close() {
        manager.close();
    }
}
