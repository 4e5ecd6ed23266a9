package dev.driftwise.learner;

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
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The online learner: predict a micro-batch, score it (prequential: the loss is recorded before the
 * update), then take one optimizer step on it. Parameters, gradients and optimizer state are flat
 * vectors on the learner's engine — plain JVM arrays for small models, libtorch (CPU or GPU) for large
 * ones ({@link EngineChoice}) — and the model and every optimizer equation run the same code on either.
 * One learner belongs to one thread at a time; two learners may run in two threads.
 *
 * <pre>{@code
 * try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.parse("linear:20")).build()) {  // optimizer "default"
 *     MicroBatch batch = learner.newBatch(32);
 *     ... batch.add(features, target) ...
 *     BatchScores scores = learner.learn(batch);
 *     byte[] snapshot = learner.snapshot().toBytes();
 * }
 * }</pre>
 */
public final class OnlineLearner implements Learner, LearnerStatus {

    private final ModelSpec spec;
    private final DenseNetwork network;
    private final Loss loss;
    private final OptimizerConfig optimizerConfig;
    private final Engine engine;
    private final Vec parameters;
    private final Vec gradients;
    private final Vec diagonalHessian;
    private final OnlineOptimizer optimizer;
    private final SampleValidator validator;
    private final BatchRunner runner;
    private final IntraOpThreads intraOpThreads;
    private final boolean torch;
    private final BatchScores scores = new BatchScores();
    private FeatureStandardizer standardizer;
    private PrequentialMetrics metrics;
    private long steps;
    private MicroBatch pending;
    private final StepContext context;

    private OnlineLearner(Builder b) {
        this.spec = b.spec;
        this.network = new DenseNetwork(spec);
        this.loss = spec.task().loss();
        this.optimizerConfig = b.optimizer;
        if (optimizerConfig.needsDiagonalHessian() && spec.layerCount() != 1) {
            throw new IllegalArgumentException("optimizer '" + optimizerConfig.label() + "' needs the diagonal Hessian, which "
                    + "only a one-layer model (linear, logistic, softmax) provides; model " + spec.kind().id() + " has "
                    + spec.layerCount() + " layers: pick an optimizer without it");
        }
        this.engine = b.engine.open(b.device, spec.parameterCount(), b.microBatch);
        this.torch = !engine.name().equals("jvm");
        this.intraOpThreads = new IntraOpThreads(torch ? b.intraOpThreads : 0);
        try {
            int n = network.layout().totalSize();
            this.parameters = engine.zeros(n, DType.FLOAT32);
            engine.upload(parameters, network.initialParameters(), 0);
            this.gradients = engine.zeros(n, DType.FLOAT32);
            this.diagonalHessian = optimizerConfig.needsDiagonalHessian() ? engine.zeros(n, DType.FLOAT32) : null;
            this.optimizer = optimizerConfig.build(network.layout(), engine, DType.FLOAT32);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        this.validator = new SampleValidator(spec);
        this.runner = new BatchRunner(network, engine);
        this.context = new StepContext(diagonalHessian, optimizerConfig.needsGradientFunction()
                ? (weights, out) -> runner.gradientAt(weights, pending, out) : null);
        this.standardizer = spec.standardize() ? new FeatureStandardizer(spec.inputs()) : null;
        this.metrics = new PrequentialMetrics(b.window, b.fadingFactor, spec.task().isClassification());
    }

    public static Builder builder(ModelSpec spec) {
        return new Builder(spec);
    }

    /**
     * A learner that continues from a snapshot: built from the snapshot's model spec and optimizer spec
     * (rebuilt from its canonical text), on the engine chosen here — which need not be the one it was
     * taken on — then restored.
     */
    public static OnlineLearner fromSnapshot(LearnerSnapshot s, DeviceChoice device, EngineChoice engine) {
        OnlineLearner learner = builder(s.modelSpec()).optimizer(s.optimizer()).optDevice(device).optEngine(engine)
                .optMetricsWindow(s.metrics().window()).optFadingFactor(s.metrics().fadingFactor()).build();
        try {
            learner.restore(s);
            return learner;
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void check(float[] features, double target) {
        validator.check(features, target);
    }

    private void enterThread() {
        if (torch) {
            JniUtils.setGradMode(false); // per thread, ON in new threads (stack notes §9.2)
            intraOpThreads.applyToCurrentThread();
        }
    }

    @Override
    public void predict(MicroBatch batch, double[] out) {
        validator.checkFeatures(batch);
        checkOutput(batch, out);
        enterThread();
        runner.upload(batch, standardizer);
        runner.predict(parameters, out);
    }

    private void checkOutput(MicroBatch batch, double[] out) {
        if (out.length < batch.size() * spec.outputs()) {
            throw new IllegalArgumentException("prediction buffer holds " + out.length + " values, the batch needs "
                    + batch.size() * spec.outputs() + " (" + spec.outputs() + " per sample)");
        }
    }

    /** Predictions for every sample (see {@link #predict(MicroBatch, double[])}), in a new array. */
    public double[] predict(MicroBatch batch) {
        double[] out = new double[batch.size() * spec.outputs()];
        predict(batch, out);
        return out;
    }

    @Override
    public BatchScores learn(MicroBatch batch) {
        validator.check(batch);
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("micro-batch is empty; add samples before learning");
        }
        enterThread();
        int n = batch.size();
        int k = spec.outputs();
        scores.reset(n);
        if (standardizer != null) {
            standardizer.update(batch.featureBuffer(), n); // features first, so the first sample is centred, not raw
        }
        runner.upload(batch, standardizer);
        double[] losses = runner.lossAndGradients(parameters, batch, gradients);
        float[] z = runner.logits();
        boolean classifier = spec.task().isClassification();
        for (int s = 0; s < n; s++) {
            boolean correct = classifier && loss.correct(z, s * k, k, batch.target(s));
            scores.set(s, losses[s], correct);
            metrics.record(losses[s], correct);
        }
        if (diagonalHessian != null) {
            runner.diagonalHessian(batch, diagonalHessian);
        }
        pending = batch;
        try {
            optimizer.step(parameters, gradients, context);
        } finally {
            pending = null;
        }
        steps++;
        return scores;
    }

    /** Prediction for one sample (see {@link #predict(MicroBatch, double[])}). */
    public double[] predictOne(float[] features) {
        return predict(single().clear().add(features, 0));
    }

    /** Learns from one sample (a batch of one); returns its prequential loss. */
    public double learnOne(float[] features, double target) {
        return learn(single().clear().add(features, target)).loss(0);
    }

    private MicroBatch single;

    private MicroBatch single() {
        if (single == null) {
            single = newBatch(1);
        }
        return single;
    }

    @Override
    public LearnerStatus status() {
        return this;
    }

    @Override
    public MetricsSummary metrics() {
        return metrics.summary(steps);
    }

    @Override
    public long samplesSeen() {
        return metrics.samples();
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long skippedSteps() {
        return optimizer.skippedSteps();
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return optimizer.stepSizes();
    }

    @Override
    public double[] alphas() {
        return optimizer.alphas();
    }

    @Override
    public double[] lastMetaGradients() {
        return optimizer.lastMetaGradients();
    }

    @Override
    public String optimizer() {
        return optimizerConfig.text();
    }

    @Override
    public Map<String, String> optimizerSettings() {
        return optimizerConfig.settings();
    }

    /** The optimizer configuration this learner runs (its canonical text is in every snapshot). */
    public OptimizerConfig optimizerConfig() {
        return optimizerConfig;
    }

    @Override
    public String engine() {
        return engine.name() + " on " + engine.device();
    }

    @Override
    public Optional<FeatureStandardizer.Statistics> featureStatistics() {
        return standardizer == null ? Optional.empty() : Optional.of(standardizer.statistics());
    }

    @Override
    public List<ParameterTensor> parameters() {
        return ParameterTensor.of(network.layout(), parameters);
    }

    /** The running feature statistics (a copy), or null when the spec does not standardise. */
    public FeatureStandardizer standardizer() {
        return standardizer == null ? null : standardizer.copy();
    }

    @Override
    public LearnerSnapshot snapshot() {
        return new LearnerSnapshot(spec, optimizerConfig.text(), engine.name(), steps,
                standardizer == null ? null : standardizer.copy(), metrics.copy(), parameters(), optimizer.saveState());
    }

    /**
     * Replaces this learner's whole state with a snapshot's, from either engine. Checks model, optimizer
     * and parameter shapes first, so a mismatch changes nothing.
     */
    @Override
    public void restore(LearnerSnapshot s) {
        if (!s.modelSpec().equals(spec)) {
            throw new IllegalArgumentException("snapshot holds model " + s.modelSpec() + ", this learner is " + spec
                    + "; build the learner from the snapshot's model spec");
        }
        OptimizerConfig saved = OptimizerSpec.parse(s.optimizer()).resolve(spec.facts());
        if (!saved.equals(optimizerConfig)) {
            throw new IllegalArgumentException("snapshot was taken with optimizer " + saved.label()
                    + ", this learner runs " + optimizerConfig.label() + "; build it with the snapshot's optimizer");
        }
        ParameterTensor.checkMatches(network.layout(), s.parameters());
        enterThread();
        optimizer.restoreState(s.optimizerState());
        engine.upload(parameters, ParameterTensor.flatten(s.parameters()), 0);
        standardizer = s.standardizer() == null ? null : s.standardizer().copy();
        metrics = s.metrics().copy();
        steps = s.steps();
    }

    /** Tensors alive on a libtorch engine (buffers, views, cached scalars), for leak checks; 0 on the JVM engine. */
    int liveArrayCount() {
        return engine instanceof dev.driftwise.metaoptimize.tensor.torch.TorchEngine t ? t.liveArrayCount() : 0;
    }

    @Override
    public void close() {
        try {
            optimizer.close();
            runner.close();
            parameters.close();
            gradients.close();
            if (diagonalHessian != null) {
                diagonalHessian.close();
            }
        } finally {
            engine.close();
        }
    }

    /** Settings of a learner; {@code optX} ones have defaults. */
    public static final class Builder {
        private final ModelSpec spec;
        private OptimizerConfig optimizer;
        private DeviceChoice device = DeviceChoice.AUTO;
        private EngineChoice engine = EngineChoice.AUTO;
        private int microBatch = 1;
        private int window = PrequentialMetrics.DEFAULT_WINDOW;
        private double fadingFactor = PrequentialMetrics.DEFAULT_FADING_FACTOR;
        private int intraOpThreads = IntraOpThreads.fromSystemProperty();

        private Builder(ModelSpec spec) {
            if (spec == null) {
                throw new IllegalArgumentException("model spec is required");
            }
            this.spec = spec;
        }

        /** The optimizer by its spec ({@code default}, {@code adam(lr=0.001)}, {@code idbd(theta=0.01)}, …). */
        public Builder optimizer(String optimizerSpec) {
            this.optimizer = OptimizerSpec.parse(optimizerSpec).resolve(spec.facts());
            return this;
        }

        public Builder optimizer(OptimizerConfig config) {
            this.optimizer = config;
            return this;
        }

        public Builder optDevice(DeviceChoice device) {
            this.device = device;
            return this;
        }

        public Builder optEngine(EngineChoice engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Samples per step the caller will learn (default 1): with {@code optEngine(auto)} the JVM engine runs
         * weights × micro-batch up to {@link EngineChoice#JVM_MAX_WORK}, libtorch beyond. Any batch size still works.
         */
        public Builder optMicroBatch(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("micro-batch " + samples + " must be at least 1");
            }
            this.microBatch = samples;
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
         * libtorch intra-op threads in whichever thread calls {@code learn} or {@code predict} on the torch
         * engine (default: the {@code ai.djl.pytorch.num_threads} system property, else 0 = libtorch's
         * per-thread default). A stream job that runs one learner per task slot wants 1.
         */
        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        public OnlineLearner build() {
            if (optimizer == null) {
                optimizer("default");
            }
            new PrequentialMetrics(window, fadingFactor, false); // validates both settings before native work
            new IntraOpThreads(intraOpThreads);
            return new OnlineLearner(this);
        }
    }
}
