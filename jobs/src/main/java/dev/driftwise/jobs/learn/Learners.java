package dev.driftwise.jobs.learn;

import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.EngineChoice;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;

/**
 * The job's learners by {@code --model}: a learner spec (JSON, or {@code linear:<d>}, {@code logistic:<d>},
 * {@code softmax:<d>:<classes>}, {@code mlp:<d>-<hidden>...-<outputs>}) trained with the {@code --optimizer}
 * spec, or {@code passthrough:<d>}, which learns nothing (benchmark baseline).
 */
public final class Learners implements LearnerFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Learner create(LearnerSettings settings) {
        String model = settings.model().trim();
        if (model.startsWith("passthrough:")) {
            return new PassThroughLearner(passThroughFeatures(model), settings.metricsWindow(), settings.fadingFactor());
        }
        ModelSpec spec = spec(model);
        return OnlineLearner.builder(spec)
                .optimizer(optimizer(settings.optimizer(), spec))
                .optDevice(DeviceChoice.parse(settings.device()))
                .optEngine(EngineChoice.parse(settings.engine()))
                .optMicroBatch(settings.microBatch())
                .optMetricsWindow(settings.metricsWindow())
                .optFadingFactor(settings.fadingFactor())
                // one learner per task slot: parallelism comes from Flink, so libtorch gets one thread per
                // learner unless ai.djl.pytorch.num_threads says otherwise (see IntraOpThreads in learner)
                .optIntraOpThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 1))
                .build();
    }

    /** Checks the model and optimizer settings without building anything native. */
    public static void check(LearnerSettings settings) {
        String model = settings.model().trim();
        if (model.startsWith("passthrough:")) {
            passThroughFeatures(model);
        } else {
            optimizer(settings.optimizer(), spec(model));
        }
    }

    static ModelSpec spec(String model) {
        try {
            return ModelSpec.parse(model);
        } catch (IllegalArgumentException e) {
            throw new OptionException("model", model, e.getMessage() + " (or passthrough:<d>)");
        }
    }

    /** The optimizer the spec names for this model ({@code default} is chosen from the model). */
    static OptimizerConfig optimizer(String text, ModelSpec spec) {
        OptimizerConfig config;
        try {
            config = OptimizerSpec.parse(text).resolve(spec.facts());
        } catch (IllegalArgumentException e) {
            throw new OptionException("optimizer", text, e.getMessage());
        }
        if (config.needsDiagonalHessian() && spec.layerCount() != 1) {
            throw new OptionException("optimizer", text, "needs the diagonal Hessian, which only a one-layer model (linear, "
                    + "logistic, softmax) provides; the model has " + spec.layerCount() + " layers: pick an optimizer without it");
        }
        return config;
    }

    private static int passThroughFeatures(String model) {
        try {
            int d = Integer.parseInt(model.substring("passthrough:".length()));
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new OptionException("model", model, "passthrough:<d> needs a positive whole number of features");
    }
}
