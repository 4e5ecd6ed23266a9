package dev.driftwise.streams.scenario;

import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.drift.DriftingStream;
import dev.driftwise.streams.family.StreamRandoms;
import dev.driftwise.streams.family.TaskFamilies;
import dev.driftwise.streams.family.TaskFamily;
import java.util.List;
import java.util.Set;

/**
 * One entry of a scenario's {@code streams} array, checked when the file is read and turned into a
 * fresh {@link SampleStream} on demand:
 * <pre>
 * {"id": "sea", "family": "sea", "params": {...}, "initialConcept": 0, "drift": [...], "seed": 7, "rate": 500}
 * </pre>
 */
final class StreamSpec {

    static final Set<String> FIELDS = Set.of("id", "family", "params", "initialConcept", "drift", "seed", "rate");

    private final JsonFields fields;
    private final String id;
    private final String family;
    private final long seed;
    private final double rate;

    private StreamSpec(JsonFields fields, String id, String family, long seed, double rate) {
        this.fields = fields;
        this.id = id;
        this.family = family;
        this.seed = seed;
        this.rate = rate;
    }

    /**
     * Reads and fully checks one stream (the stream is built once, so parameter and drift errors surface
     * now). Seed: the stream's own "seed", else one derived from the scenario seed and the stream's index;
     * a seed override replaces the scenario seed and is mixed into explicit stream seeds, so every stream
     * changes with it.
     */
    static StreamSpec read(JsonFields f, int index, long scenarioSeed, Long seedOverride, double scenarioRate) {
        f.allowOnly(FIELDS);
        String id = f.text("id");
        String family = f.text("family");
        if (!TaskFamilies.exists(family)) {
            throw f.error("family", "\"" + family + "\"", "expected one of " + String.join(", ", TaskFamilies.names()));
        }
        long seed;
        if (f.has("seed")) {
            long own = f.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE);
            seed = seedOverride == null ? own : StreamRandoms.combine(seedOverride, own);
        } else {
            seed = StreamRandoms.combine(scenarioSeed, index);
        }
        double rate = f.number("rate", scenarioRate, 0, 1e9);
        StreamSpec spec = new StreamSpec(f, id, family, seed, rate);
        spec.open();
        return spec;
    }

    String id() {
        return id;
    }

    /** A new stream at its first sample. */
    SampleStream open() {
        StreamRandoms randoms = new StreamRandoms(seed);
        JsonFamilyParams params = new JsonFamilyParams(fields.objectOrEmpty("params"));
        TaskFamily taskFamily;
        try {
            taskFamily = TaskFamilies.create(family, params, randoms);
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(fields.source(), fields.pathOf("params"), null, e.getMessage());
        }
        params.rejectUnread(family);
        int count = taskFamily.conceptCount();
        int initial = (int) fields.wholeNumber("initialConcept", 0, 0, count - 1L);
        List<JsonFields> entries = fields.objects("drift", false);
        DriftPlan plan = DriftPlan.read(entries, initial, fields.has("initialConcept"), taskFamily);
        return new DriftingStream(id, rate, taskFamily, plan.schedule(), plan.motions(), randoms.drift);
    }
}
