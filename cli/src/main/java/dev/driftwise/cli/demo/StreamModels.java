package dev.driftwise.cli.demo;

import dev.driftwise.streams.SampleStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learner model each stream of a scenario needs, from its feature count and target kind, in
 * the job's {@code --model} spec syntax: regression → {@code linear:d}, binary → {@code logistic:d},
 * multiclass:k → {@code softmax:d:k}.
 */
public final class StreamModels {

    private StreamModels() {}

    public static String modelFor(int featureCount, String targetKind) {
        if ("regression".equals(targetKind)) {
            return "linear:" + featureCount;
        }
        if ("binary".equals(targetKind)) {
            return "logistic:" + featureCount;
        }
        if (targetKind != null && targetKind.startsWith("multiclass:")) {
            return "softmax:" + featureCount + ":" + targetKind.substring("multiclass:".length());
        }
        throw new IllegalArgumentException("target kind '" + targetKind
                + "': expected regression, binary or multiclass:<k> (see streams-gen's SampleStream.targetKind)");
    }

    /** Stream id → model spec, in the scenario's order. */
    public static Map<String, String> of(List<? extends SampleStream> streams) {
        Map<String, String> models = new LinkedHashMap<>();
        for (SampleStream s : streams) {
            models.put(s.streamId(), modelFor(s.featureCount(), s.targetKind()));
        }
        return models;
    }
}
