package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.scenario.Scenarios;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A task whose stream comes from a streams-gen scenario (a built-in name or scenario JSON), with
 * the run seed as the scenario's seed override, so every method sees the same samples in run r.
 */
final class GeneratedTask implements BenchTask {

    /** A task's scorer for a run of {@code samples} samples on the run's {@code stream}. */
    @FunctionalInterface
    interface Scorers {
        TaskScorer create(long samples, SampleStream stream);
    }

    private final String id;
    private final String title;
    private final String scenarioName;
    private final String scenarioJson;
    private final ModelSpec model;
    private final long protocolSamples;
    private final PrimaryScore primary;
    private final Scorers scorers;
    private final List<WeightGroup> groups;

    /** @param scenarioJson scenario text, or null to load the built-in {@code scenarioName} */
    GeneratedTask(String id, String title, String scenarioName, String scenarioJson, ModelSpec model,
                  long protocolSamples, PrimaryScore primary, Scorers scorers, List<WeightGroup> groups) {
        this.id = id;
        this.title = title;
        this.scenarioName = scenarioName;
        this.scenarioJson = scenarioJson;
        this.model = model;
        this.protocolSamples = protocolSamples;
        this.primary = primary;
        this.scorers = scorers;
        this.groups = List.copyOf(groups);
    }

    private LongFunction<String> scaledScenario;
    private String defaultMethods;

    /** Makes {@link #defaultMethods} this list instead of the one for the model's depth. */
    GeneratedTask comparing(String methods) {
        this.defaultMethods = methods;
        return this;
    }

    /** Makes {@link #forSamples} rebuild the scenario JSON for a shortened stream. */
    GeneratedTask scaledBy(LongFunction<String> scenarioForSamples) {
        this.scaledScenario = scenarioForSamples;
        return this;
    }

    @Override
    public BenchTask forSamples(long samples) {
        if (scaledScenario == null || samples == protocolSamples) {
            return this;
        }
        return new GeneratedTask(id, title + " (drift schedule scaled to " + samples + " samples)", scenarioName,
                scaledScenario.apply(samples), model, protocolSamples, primary, scorers, groups).comparing(defaultMethods);
    }

    @Override public String id() { return id; }
    @Override public String title() { return title; }
    @Override public ModelSpec model() { return model; }
    @Override public long protocolSamples() { return protocolSamples; }
    @Override public PrimaryScore primaryScore() { return primary; }
    @Override public List<WeightGroup> weightGroups() { return groups; }

    @Override
    public SampleStream open(long seed) {
        var scenario = scenarioJson == null
                ? Scenarios.load(scenarioName, seed)
                : Scenarios.parse("task " + id, scenarioName, scenarioJson, seed);
        return scenario.streams().get(0);
    }

    @Override
    public TaskScorer newScorer(long samples, SampleStream stream) {
        return scorers.create(samples, stream);
    }

    @Override
    public String defaultMethods() {
        return defaultMethods != null ? defaultMethods : BenchTask.super.defaultMethods();
    }
}
