package dev.driftwise.streams.scenario;

import dev.driftwise.streams.drift.ConceptSchedule;
import dev.driftwise.streams.drift.MotionWindow;
import dev.driftwise.streams.family.TaskFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code drift} array of one stream, read into a {@link ConceptSchedule} and the
 * {@link MotionWindow}s. Entry types:
 * <pre>
 * {"type": "abrupt",   "at": [p1, p2, ...] | "every": N, "start": S, "concepts": [c1, ...]}
 * {"type": "gradual",  same as abrupt, plus "width": w   (MOA ConceptDriftStream sigmoid)}
 * {"type": "recurring","concepts": [A, B, ...], "period": P, "width": w (default 0 = abrupt)}
 * {"type": "incremental", "start": S (default 0), "end": E (default never), "magnitude": t}
 * </pre>
 * A stream takes at most one concept-switching entry (abrupt, gradual or recurring) and any number
 * of incremental ones. Without {@code concepts}, drift k leads to concept (initial + k), modulo the
 * family's concept count when it has few (SEA: 4, Agrawal: its function list).
 */
record DriftPlan(ConceptSchedule schedule, List<MotionWindow> motions) {

    private static final Set<String> SWITCH_FIELDS = Set.of("type", "at", "every", "start", "concepts", "width");
    private static final Set<String> RECURRING_FIELDS = Set.of("type", "concepts", "period", "width", "start");
    private static final Set<String> INCREMENTAL_FIELDS = Set.of("type", "start", "end", "magnitude");
    private static final long MAX_POSITION = Long.MAX_VALUE / 4;

    /**
     * @param initialGiven whether the stream set "initialConcept" (a recurring entry starts with its
     *                     first concept, so it refuses one)
     */
    static DriftPlan read(List<JsonFields> entries, int initialConcept, boolean initialGiven, TaskFamily family) {
        ConceptSchedule schedule = null;
        String switchPath = null;
        List<MotionWindow> motions = new ArrayList<>();
        for (JsonFields e : entries) {
            String type = e.text("type");
            switch (type) {
                case "abrupt", "gradual", "recurring" -> {
                    if (schedule != null) {
                        throw e.error("type", "\"" + type + "\"", "a stream takes one abrupt, gradual or recurring entry and "
                                + switchPath + " is one already; put all positions in that entry");
                    }
                    if (type.equals("recurring") && initialGiven) {
                        throw e.error("type", "\"recurring\"", "a recurring drift starts with its first concept;"
                                + " drop the stream's initialConcept and order \"concepts\" instead");
                    }
                    schedule = type.equals("recurring") ? recurring(e, family) : switching(e, type, initialConcept, family);
                    switchPath = e.path();
                }
                case "incremental" -> motions.add(incremental(e, family));
                default -> throw e.error("type", "\"" + type + "\"", "expected one of abrupt, gradual, recurring, incremental");
            }
        }
        return new DriftPlan(schedule != null ? schedule : ConceptSchedule.stationary(initialConcept), List.copyOf(motions));
    }

    private static ConceptSchedule switching(JsonFields e, String type, int initial, TaskFamily family) {
        e.allowOnly(SWITCH_FIELDS);
        double width = 0;
        if (type.equals("gradual")) {
            if (!e.has("width")) {
                throw e.error("width", null, "required for a gradual drift: the sigmoid width w in samples, > 0");
            }
            width = e.number("width", 1e-9, 1e12);
        } else if (e.has("width")) {
            throw e.error("width", e.raw("width"), "an abrupt drift has no width; use type \"gradual\"");
        }
        int count = family.conceptCount();
        int[] concepts = e.has("concepts") ? concepts(e, family) : null;
        if (e.has("at") == e.has("every")) {
            throw e.error("at", null, "give exactly one of \"at\": [positions] or \"every\": N");
        }
        if (e.has("at")) {
            if (e.has("start")) {
                throw e.error("start", e.raw("start"), "\"start\" goes with \"every\", not with \"at\"");
            }
            long[] at = e.wholeNumbers("at", 0, MAX_POSITION);
            for (int i = 1; i < at.length; i++) {
                if (at[i] <= at[i - 1]) {
                    throw new ScenarioException(e.source(), e.pathOf("at") + "[" + i + "]", at[i],
                            "positions must increase; the previous one is " + at[i - 1]);
                }
            }
            if (concepts != null && concepts.length != at.length) {
                throw e.error("concepts", e.raw("concepts"), "one concept per position in \"at\" (" + at.length + ")");
            }
            int[] targets = new int[at.length];
            for (int k = 1; k <= at.length; k++) {
                targets[k - 1] = concepts == null ? next(initial, k, count) : concepts[k - 1];
            }
            return ConceptSchedule.at(initial, at, targets, width);
        }
        long every = e.wholeNumber("every", 1, MAX_POSITION);
        long start = e.wholeNumber("start", every, 0, MAX_POSITION);
        if (concepts == null) {
            return ConceptSchedule.every(initial, start, every, width, k -> next(initial, k, count));
        }
        int[] cycle = concepts;
        return ConceptSchedule.every(initial, start, every, width, k -> cycle[(k - 1) % cycle.length]);
    }

    private static ConceptSchedule recurring(JsonFields e, TaskFamily family) {
        e.allowOnly(RECURRING_FIELDS);
        int[] cycle = concepts(e, family);
        if (cycle.length < 2) {
            throw e.error("concepts", e.raw("concepts"), "a recurring drift needs at least two concepts, e.g. [0, 1]");
        }
        long period = e.wholeNumber("period", 1, MAX_POSITION);
        double width = e.number("width", 0, 0, 1e12);
        long start = e.wholeNumber("start", period, 0, MAX_POSITION);
        return ConceptSchedule.every(cycle[0], start, period, width, k -> cycle[k % cycle.length]);
    }

    private static MotionWindow incremental(JsonFields e, TaskFamily family) {
        e.allowOnly(INCREMENTAL_FIELDS);
        if (!family.canMove()) {
            throw e.error("type", "\"incremental\"", "family '" + family.name()
                    + "' has no parameters that move; incremental drift works with hyperplane and rbf");
        }
        long start = e.wholeNumber("start", 0, 0, MAX_POSITION);
        long end = e.wholeNumber("end", ConceptSchedule.NEVER, start + 1, Long.MAX_VALUE);
        return new MotionWindow(start, end, e.number("magnitude", Double.MIN_VALUE, 1e6));
    }

    private static int[] concepts(JsonFields e, TaskFamily family) {
        int count = family.conceptCount();
        long[] raw = e.wholeNumbers("concepts", 0, count - 1L);
        int[] out = new int[raw.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) raw[i];
        }
        return out;
    }

    private static int next(int initial, int k, int count) {
        long c = (long) initial + k;
        return (int) (count == TaskFamily.UNBOUNDED ? Math.min(c, Integer.MAX_VALUE - 1) : c % count);
    }
}
