package dev.driftwise.jobs.learn;

import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.jobs.options.OptionException;

/**
 * The learners the job knows by spec: {@code linear:<features>} (regression),
 * {@code softmax:<features>:<classes>}, {@code passthrough:<features>}, trained with {@code sgd:lr=<rate>}.
 */
public final class BuiltInLearners implements LearnerFactory {

    private static final long serialVersionUID = 1L;
    private static final String MODELS = "linear:<features>, softmax:<features>:<classes> or passthrough:<features>";

    @Override
    public StreamLearner create(LearnerSettings settings) {
        String[] m = settings.model().trim().split(":");
        try {
            switch (m[0]) {
                case "linear":
                    requireParts(m, 2, settings.model());
                    return new LinearSgdLearner(Integer.parseInt(m[1]), 0, learningRate(settings.optimizer()));
                case "softmax":
                    requireParts(m, 3, settings.model());
                    return new LinearSgdLearner(Integer.parseInt(m[1]), Integer.parseInt(m[2]), learningRate(settings.optimizer()));
                case "passthrough":
                    requireParts(m, 2, settings.model());
                    return new PassThroughLearner(Integer.parseInt(m[1]));
                default:
                    throw new OptionException("model", settings.model(), "allowed: " + MODELS);
            }
        } catch (NumberFormatException e) {
            throw new OptionException("model", settings.model(), "sizes must be whole numbers; allowed: " + MODELS);
        }
    }

    private static void requireParts(String[] parts, int count, String spec) {
        if (parts.length != count) {
            throw new OptionException("model", spec, "allowed: " + MODELS);
        }
    }

    static double learningRate(String optimizer) {
        String o = optimizer.trim();
        if (o.startsWith("sgd:lr=")) {
            try {
                double lr = Double.parseDouble(o.substring("sgd:lr=".length()));
                if (lr > 0 && Double.isFinite(lr)) {
                    return lr;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new OptionException("optimizer", optimizer, "allowed: sgd:lr=<positive rate>, e.g. sgd:lr=0.01");
    }
}
