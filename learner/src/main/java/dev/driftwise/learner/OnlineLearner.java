package dev.driftwise.learner;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.loss.Loss;
import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.GradientFunction;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An online learner: predict a micro-batch, score it (prequential: the loss is recorded before the
 * update), then take one optimizer step on it. Parameters, optimizer state and every step's
 * tensors stay on the learner's device; only snapshots and the logits needed for scoring travel
 * to the host. One learner belongs to one thread at a time; two learners may run in two threads.
 * Build and call it outside any {@code NDScope} of your own: an optimizer that creates its state
 * lazily inside {@code step} would otherwise see that state closed with your scope.
 *
 * <pre>{@code
 * try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(20))
 *         .optimizer(factory).build()) {
 *     MicroBatch batch = learner.newBatch(32);
 *     ... batch.add(features, target) ...
 *     BatchScores scores = learner.learn(batch);
 *     byte[] snapshot = learner.snapshot();
 * }
 * }</pre>
 */
public final class OnlineLearner implements AutoCloseable {

    private final ModelSpec spec;
    private final DenseNetwork network;
    private final Loss loss;
    private final OptimizerFactory optimizerFactory;
    private final NDManager manager;
    private final NDList parameters;
    private final OnlineOptimizer optimizer;
    private final SampleValidator validator;
    private final BatchPredictor predictor;
    private final BatchGradients gradients;
    private FeatureStandardizer standardizer;
    private PrequentialMetrics metrics;
    private long steps;
    private final BatchScores scores = new BatchScores();
    private final IntraOpThreads intraOpThreads;
    private MicroBatch single;

    private OnlineLearner(Builder b) {
        this.spec = b.spec;
        this.network = new DenseNetwork(spec);
        this.loss = spec.task().loss();
        this.optimizerFactory = b.optimizer;
        if (optimizerFactory.needsDiagonalHessian() && spec.layerCount() != 1) {
            throw new IllegalArgumentException("optimizer '" + optimizerFactory.description()
                    + "' needs the diagonal Hessian, which only a one-layer model (linear, logistic, softmax) provides; "
                    + "model " + spec.kind().id() + " has " + spec.layerCount() + " layers: pick an optimizer without it");
        }
        this.intraOpThreads = new IntraOpThreads(b.intraOpThreads);
        Device device = b.device.resolve();
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            JniUtils.setGradMode(false);
            this.parameters = network.initialParameters(manager);
            NDScope.unregister(parameters); // live across steps even if a caller's NDScope is open now
            this.optimizer = optimizerFactory.create(network.layout(), manager);
            if (!optimizer.layout().equals(network.layout())) {
                throw new IllegalArgumentException("optimizer '" + optimizerFactory.description() + "' was built for layout "
                        + optimizer.layout() + ", the model has " + network.layout());
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.validator = new SampleValidator(spec);
        this.predictor = new BatchPredictor(network, manager);
        this.gradients = new BatchGradients(network, manager);
        this.standardizer = spec.standardize() ? new FeatureStandardizer(spec.inputs()) : null;
        this.metrics = new PrequentialMetrics(b.window, b.fadingFactor, spec.task().isClassification());
    }

    public static Builder builder(ModelSpec spec) {
        return new Builder(spec);
    }

    /**
     * A learner that continues from snapshot bytes: built from the snapshot's model spec with the
     * given optimizer (which must describe itself as the snapshot's did), then restored.
     */
    public static OnlineLearner fromSnapshot(byte[] snapshot, OptimizerFactory optimizer, DeviceChoice device) {
        LearnerSnapshot s = LearnerSnapshot.fromBytes(snapshot);
        OnlineLearner learner = builder(s.modelSpec()).optimizer(optimizer).optDevice(device)
                .optMetricsWindow(s.metrics().window()).optFadingFactor(s.metrics().fadingFactor()).build();
        try {
            learner.restore(s);
            return learner;
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
    }

    /** A reusable batch sized for this model. */
    public MicroBatch newBatch(int capacity) {
        return new MicroBatch(capacity, spec.inputs());
    }

    /**
     * Checks one sample against this learner's model without learning from it, so a stream job can
     * dead-letter a bad record before it joins a batch.
     *
     * @throws dev.driftwise.learner.input.InvalidSampleException naming the reason
     */
    public void check(float[] features, double target) {
        validator.check(features, target);
    }

    /** Predictions for every sample (see {@link #predict(MicroBatch, double[])}), in a new array. */
    public double[] predict(MicroBatch batch) {
        double[] out = new double[batch.size() * spec.outputs()];
        predict(batch, out);
        return out;
    }

    /**
     * Writes {@code spec().outputs()} predictions per sample into {@code out}: ŷ for regression,
     * P(y = 1) for binary, class probabilities for multiclass. Targets are ignored.
     */
    public void predict(MicroBatch batch, double[] out) {
        validator.checkFeatures(batch);
        intraOpThreads.applyToCurrentThread();
        predictor.predict(parameters, batch, standardizer, out);
    }

    /**
     * Predicts, scores and learns from every sample of the batch with one optimizer step.
     *
     * @return the batch's prequential scores (reused by the next call)
     * @throws dev.driftwise.learner.input.InvalidSampleException when any sample is bad; nothing
     *     has changed then
     */
    public BatchScores learn(MicroBatch batch) {
        validator.check(batch);
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("micro-batch is empty; add samples before learning");
        }
        JniUtils.setGradMode(false); // per thread, ON in new threads (stack notes §9.2)
        intraOpThreads.applyToCurrentThread();
        int n = batch.size();
        int k = spec.outputs();
        scores.reset(n);
        NDArray x;
        BatchGradients.Result step;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            x = predictor.upload(batch, standardizer);
            step = gradients.compute(parameters, x, batch, optimizerFactory.needsDiagonalHessian());
            float[] z = step.logits();
            for (int s = 0; s < n; s++) {
                boolean correct = spec.task().isClassification() && loss.correct(z, s * k, k, batch.target(s));
                scores.set(s, step.losses()[s], correct);
            }
            NDScope.unregister(x);
            NDScope.unregister(step.gradients());
            if (step.diagonalHessian() != null) {
                NDScope.unregister(step.diagonalHessian());
            }
        }
        try {
            GradientFunction atOtherWeights = weights -> gradients.gradientAt(weights, x, batch);
            optimizer.step(parameters, step.gradients(), new StepContext(step.diagonalHessian(), atOtherWeights));
        } finally {
            x.close();
            step.gradients().close();
            if (step.diagonalHessian() != null) {
                step.diagonalHessian().close();
            }
        }
        for (int s = 0; s < n; s++) {
            metrics.record(scores.loss(s), scores.correct(s));
        }
        if (standardizer != null) {
            standardizer.update(batch.featureBuffer(), n);
        }
        steps++;
        return scores;
    }

    /** Prediction for one sample (see {@link #predict(MicroBatch, double[])}). */
    public double[] predictOne(float[] features) {
        return predict(single().clear().add(features, 0));
    }

    private MicroBatch single() {
        if (single == null) {
            single = newBatch(1);
        }
        return single;
    }

    /** Learns from one sample (a batch of one); returns its prequential loss. */
    public double learnOne(float[] features, double target) {
        return learn(single().clear().add(features, target)).loss(0);
    }

    public MetricsSummary metrics() {
        return metrics.summary(steps);
    }

    public long samplesSeen() {
        return metrics.samples();
    }

    /** Micro-batches learned from (optimizer steps attempted; see {@link #skippedSteps()}). */
    public long steps() {
        return steps;
    }

    public long skippedSteps() {
        return optimizer.skippedSteps();
    }

    public List<BlockStepSize> stepSizes() {
        return optimizer.stepSizes();
    }

    /** The optimizer's last meta-gradient per block: the cheap per-step read (see {@link #stepSizes()}). */
    public double[] lastMetaGradients() {
        return optimizer.lastMetaGradients();
    }

    public OptimizerSpec optimizerSpec() {
        return optimizer.spec();
    }

    public String optimizerDescription() {
        return optimizerFactory.description();
    }

    public ModelSpec spec() {
        return spec;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** The feature statistics predictions use now (a copy), when the spec standardises; empty otherwise. */
    public Optional<FeatureStandardizer.Statistics> featureStatistics() {
        return standardizer == null ? Optional.empty() : Optional.of(standardizer.statistics());
    }

    /** The parameters copied to the host, in layout order (e.g. for a published model snapshot). */
    public List<ParameterTensor> parameterTensors() {
        List<ParameterTensor> out = new ArrayList<>(parameters.size());
        for (NDArray p : parameters) {
            out.add(ParameterTensor.of(p));
        }
        return out;
    }

    /** Everything needed to continue bit for bit (and to predict), as a value. */
    public LearnerSnapshot toSnapshot() {
        return new LearnerSnapshot(spec, optimizerFactory.description(), optimizer.spec().toString(), steps,
                standardizer == null ? null : standardizer.copy(), metrics.copy(), parameterTensors(), optimizer.saveState());
    }

    /** {@link #toSnapshot()} as versioned bytes. */
    public byte[] snapshot() {
        return toSnapshot().toBytes();
    }

    public void restore(byte[] snapshot) {
        restore(LearnerSnapshot.fromBytes(snapshot));
    }

    /**
     * Replaces this learner's whole state with a snapshot's. Checks model, optimizer description
     * and parameter shapes first, so a mismatch changes nothing.
     */
    public void restore(LearnerSnapshot s) {
        if (!s.modelSpec().equals(spec)) {
            throw new IllegalArgumentException("snapshot holds model " + s.modelSpec() + ", this learner is " + spec
                    + "; build the learner from the snapshot's model spec");
        }
        if (!s.optimizerDescription().equals(optimizerFactory.description())) {
            throw new IllegalArgumentException("snapshot was taken with optimizer '" + s.optimizerDescription()
                    + "', this learner uses '" + optimizerFactory.description() + "'");
        }
        ParameterTensor.checkMatches(network.layout(), s.parameters());
        JniUtils.setGradMode(false);
        optimizer.restoreState(s.optimizerState());
        ParameterTensor.copyInto(s.parameters(), parameters);
        standardizer = s.standardizer() == null ? null : s.standardizer().copy();
        metrics = s.metrics().copy();
        steps = s.steps();
    }

    /** Where the parameters live now (for tests: they must never leave the learner's device). */
    Device parameterDevice() {
        return parameters.get(0).getDevice();
    }

    /** Arrays alive in this learner's manager (parameters, optimizer state, anything leaked): for leak checks. */
    int liveArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Releases the parameters, the optimizer's state and every native buffer of this learner. */
    @Override
    public void close() {
        try {
            optimizer.close();
        } finally {
            manager.close();
        }
    }

    /** Settings of a learner; {@code optX} ones have defaults. */
    public static final class Builder {
        private final ModelSpec spec;
        private OptimizerFactory optimizer;
        private DeviceChoice device = DeviceChoice.AUTO;
        private int window = PrequentialMetrics.DEFAULT_WINDOW;
        private double fadingFactor = PrequentialMetrics.DEFAULT_FADING_FACTOR;
        private int intraOpThreads = IntraOpThreads.fromSystemProperty();

        private Builder(ModelSpec spec) {
            if (spec == null) {
                throw new IllegalArgumentException("model spec is required");
            }
            this.spec = spec;
        }

        public Builder optimizer(OptimizerFactory optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder optDevice(DeviceChoice device) {
            this.device = device;
            return this;
        }

        /** Samples in the windowed metrics (default 1,000). */
        public Builder optMetricsWindow(int window) {
            this.window = window;
            return this;
        }

        /** Fading factor α of the faded metrics (default 0.999). */
        public Builder optFadingFactor(double fadingFactor) {
            this.fadingFactor = fadingFactor;
            return this;
        }

        /**
         * libtorch intra-op threads in whichever thread calls {@code learn} or {@code predict} (default: the
         * {@code ai.djl.pytorch.num_threads} system property, else 0 = leave libtorch's per-thread default,
         * which in a thread other than the engine's is every core). A stream job that runs one learner per
         * task slot wants 1.
         */
        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        public OnlineLearner build() {
            if (optimizer == null) {
                throw new IllegalArgumentException("optimizer is required: builder(spec).optimizer(OptimizerFactory.of(...))");
            }
            new PrequentialMetrics(window, fadingFactor, false); // validates both settings before native work
            new IntraOpThreads(intraOpThreads);
            return new OnlineLearner(this);
        }
    }
}
