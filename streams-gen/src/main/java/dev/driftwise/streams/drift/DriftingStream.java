package dev.driftwise.streams.drift;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.family.TaskFamily;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A task family wrapped in its drift schedule: the concept of each sample comes from the
 * {@link ConceptSelector}; during a {@link MotionWindow} the concept just sampled moves a step. The
 * whole sequence is fixed by the seed the family's and selector's random substreams came from.
 */
public final class DriftingStream implements SampleStream {

    private final String streamId;
    private final double ratePerSecond;
    private final TaskFamily family;
    private final ConceptSelector selector;
    private final MotionWindow[] motions;
    private long seq;

    /**
     * @param drift the stream's drift substream (gradual-mixture draws); the family holds the others
     */
    public DriftingStream(String streamId, double ratePerSecond, TaskFamily family, ConceptSchedule schedule,
                          List<MotionWindow> motions, SplittableRandom drift) {
        if (!motions.isEmpty() && !family.canMove()) {
            throw new IllegalArgumentException("stream " + streamId + ": family " + family.name()
                    + " has no parameters that move, so it cannot take an incremental drift");
        }
        this.streamId = streamId;
        this.ratePerSecond = ratePerSecond;
        this.family = family;
        this.selector = new ConceptSelector(schedule, drift);
        this.motions = motions.toArray(new MotionWindow[0]);
    }

    @Override public String streamId() { return streamId; }
    @Override public int featureCount() { return family.featureCount(); }
    @Override public String targetKind() { return family.targetKind(); }
    @Override public double ratePerSecond() { return ratePerSecond; }

    /** The family behind this stream (concept parameters, for evaluation and tests). */
    public TaskFamily family() {
        return family;
    }

    @Override
    public void next(GeneratedSample into) {
        long n = seq++;
        into.seq = n;
        int concept = selector.select(n, into);
        if (concept >= family.conceptCount()) {
            throw new IllegalStateException("stream " + streamId + ": the schedule asks for concept " + concept
                    + " but family " + family.name() + " has " + family.conceptCount() + " (ids 0 to "
                    + (family.conceptCount() - 1) + ")");
        }
        family.draw(concept, into);
        for (MotionWindow m : motions) {
            if (n >= m.start()) {
                into.driftIndex++;
                if (n < m.end()) {
                    if (into.phase == DriftPhase.STABLE) {
                        into.phase = DriftPhase.INCREMENTAL;
                    }
                    family.move(concept, m.magnitude());
                }
            }
        }
    }
}
