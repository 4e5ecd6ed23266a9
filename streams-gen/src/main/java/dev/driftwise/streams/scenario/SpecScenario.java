package dev.driftwise.streams.scenario;

import dev.driftwise.streams.SampleStream;
import java.util.ArrayList;
import java.util.List;

/** A scenario read from a file ({@link Scenarios#load}): its streams are rebuilt, at their first sample, on every call. */
public final class SpecScenario implements Scenario {

    private final String name;
    private final String description;
    private final long seed;
    private final List<StreamSpec> specs;

    SpecScenario(String name, String description, long seed, List<StreamSpec> specs) {
        this.name = name;
        this.description = description;
        this.seed = seed;
        this.specs = List.copyOf(specs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SampleStream> streams() {
        List<SampleStream> out = new ArrayList<>(specs.size());
        for (StreamSpec spec : specs) {
            out.add(spec.open());
        }
        return out;
    }

    /** The file's "description", or empty. */
    public String description() {
        return description;
    }

    /** The scenario seed in effect (the file's, or the override). */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "scenario " + name + " (seed " + seed + ", " + specs.size() + " streams)";
    }
}
