package dev.driftwise.jobs.learn;

import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;

/**
 * The job's learners by {@code --model}: the learner module's JSON spec
 * ({@code {"model":"mlp","task":"multiclass","inputs":100,"hidden":[128],"classes":10}}) or a shorthand,
 * {@code linear:<d>}, {@code logistic:<d>}, {@code softmax:<d>:<classes>}, {@code mlp:<d>-<hidden>...-<classes>}
 * (ReLU; 1 output = regression); and {@code passthrough:<d>}, which learns nothing (benchmark baseline).
 */
public final class Learners implements LearnerFactory {

    private static final long serialVersionUID = 1L;
    private static final String MODELS = "a learner JSON spec, linear:<d>, logistic:<d>, softmax:<d>:<classes>,"
            + " mlp:<d>-<hidden>-...-<outputs> or passthrough:<d>";

    @Override
    public StreamLearner create(LearnerSettings settings) {
        String model = settings.model().trim();
        if (model.startsWith("passthrough:")) {
            return new PassThroughLearner(whole(model, model.substring("passthrough:".length())));
        }
        ModelSpec spec = spec(model);
        OnlineLearner learner = OnlineLearner.builder(spec)
                .optimizer(OptimizerConfig.parse(settings.optimizer(), spec))
                .optDevice(DeviceChoice.parse(settings.device()))
                // one learner per task slot: parallelism comes from Flink, so libtorch gets one thread per
                // learner unless ai.djl.pytorch.num_threads says otherwise (see IntraOpThreads in learner)
                .optIntraOpThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 1))
                .build();
        return new DjlStreamLearner(learner);
    }

    /** Checks the model and optimizer settings without building anything native. */
    public static void check(LearnerSettings settings) {
        String model = settings.model().trim();
        if (!model.startsWith("passthrough:")) {
            OptimizerConfig.parse(settings.optimizer(), spec(model));
        } else {
            whole(model, model.substring("passthrough:".length()));
        }
    }

    static ModelSpec spec(String model) {
        try {
            if (model.startsWith("{")) {
                return ModelSpec.parse(model);
            }
            String[] p = model.split(":");
            switch (p[0]) {
                case "linear":
                    return ModelSpec.linearRegression(whole(model, p[1]));
                case "logistic":
                    return ModelSpec.logisticRegression(whole(model, p[1]));
                case "softmax":
                    return ModelSpec.softmaxRegression(whole(model, p[1]), whole(model, p[2]));
                case "mlp": {
                    String[] sizes = p[1].split("-");
                    int[] hidden = new int[sizes.length - 2];
                    for (int i = 0; i < hidden.length; i++) {
                        hidden[i] = whole(model, sizes[i + 1]);
                    }
                    int outputs = whole(model, sizes[sizes.length - 1]);
                    Task task = outputs == 1 ? Task.REGRESSION : Task.MULTICLASS;
                    return ModelSpec.mlp(whole(model, sizes[0]), hidden, Activation.RELU, task, outputs == 1 ? 0 : outputs);
                }
                default:
                    throw new OptionException("model", model, "allowed: " + MODELS);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new OptionException("model", model, "allowed: " + MODELS);
        } catch (OptionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new OptionException("model", model, e.getMessage());
        }
    }

    private static int whole(String model, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new OptionException("model", model, "'" + text + "' is not a positive whole number; allowed: " + MODELS);
    }
}
