package dev.driftwise.learner;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;

/**
 * A learner snapshot loaded for prediction only: the model, its parameters and its frozen feature
 * statistics, without the optimizer. It runs the learner's own forward pass on the engine {@code auto}
 * picks for the model's size (as the learner's does), so on the CPU its predictions equal the learner's
 * at the moment of the snapshot bit for bit. Not thread-safe; one instance per thread.
 */
public final class PredictOnlyModel implements AutoCloseable {

    private final ModelSpec spec;
    private final long steps;
    private final long samplesSeen;
    private final String optimizer;
    private final Engine engine;
    private final Vec parameters;
    private final FeatureStandardizer standardizer;
    private final SampleValidator validator;
    private final BatchRunner runner;

    private PredictOnlyModel(ModelSpec spec, List<ParameterTensor> tensors, FeatureStandardizer standardizer,
                             long steps, long samplesSeen, String optimizer, DeviceChoice device, EngineChoice engineChoice) {
        DenseNetwork network = new DenseNetwork(spec);
        ParameterTensor.checkMatches(network.layout(), tensors);
        if (spec.standardize() != (standardizer != null)) {
            throw new IllegalArgumentException("model " + spec + (spec.standardize() ? " needs" : " has no")
                    + " feature statistics but the snapshot " + (standardizer == null ? "has none" : "carries some"));
        }
        this.spec = spec;
        this.steps = steps;
        this.samplesSeen = samplesSeen;
        this.optimizer = optimizer;
        this.standardizer = standardizer;
        this.engine = engineChoice.open(device, spec.parameterCount(), 1);
        this.parameters = engine.zeros(network.layout().totalSize(), DType.FLOAT32);
        engine.upload(parameters, ParameterTensor.flatten(tensors), 0);
        this.validator = new SampleValidator(spec);
        this.runner = new BatchRunner(network, engine);
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
                s.steps(), s.samplesSeen(), s.optimizer(), device, EngineChoice.AUTO);
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
                "unknown", device, EngineChoice.AUTO);
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
        if (out.length < batch.size() * spec.outputs()) {
            throw new IllegalArgumentException("prediction buffer holds " + out.length + " values, the batch needs "
                    + batch.size() * spec.outputs() + " (" + spec.outputs() + " per sample)");
        }
        if (!engine.name().equals("jvm")) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false); // per thread, ON in new threads
        }
        runner.upload(batch, standardizer);
        runner.predict(parameters, out);
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

    /** The optimizer's canonical spec at the snapshot ("unknown" when built from bare tensors). */
    public String optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        runner.close();
        parameters.close();
        engine.close();
    }
}
