package dev.driftwise.cli.secured;

import dev.driftwise.consumers.tail.TopicKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run's topic names under a prefix, as job flags and as the dashboard's topic map. */
record Topics(String samples, String models, String stepSizes, String metrics, String dlq) {
    static Topics named(String prefix) {
        return new Topics(prefix + ".samples", prefix + ".models", prefix + ".stepsizes", prefix + ".metrics", prefix + ".dlq");
    }

    List<String> jobFlags() {
        return List.of("--samples-topic", samples, "--models-topic", models, "--stepsizes-topic", stepSizes,
                "--metrics-topic", metrics, "--dlq-topic", dlq);
    }

    Map<TopicKind, String> forDashboard() {
        Map<TopicKind, String> m = new LinkedHashMap<>();
        m.put(TopicKind.METRICS, metrics);
        m.put(TopicKind.STEPSIZES, stepSizes);
        m.put(TopicKind.MODELS, models);
        m.put(TopicKind.DLQ, dlq);
        m.put(TopicKind.SAMPLES, samples);
        return m;
    }
}
