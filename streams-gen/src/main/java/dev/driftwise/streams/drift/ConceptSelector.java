package dev.driftwise.streams.drift;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * Picks the concept of each sample from a {@link ConceptSchedule} and writes the ground truth.
 *
 * <p>A schedule of drifts 1…m behaves like MOA's nested {@code ConceptDriftStream(c0,
 * ConceptDriftStream(c1, …, p2, w), p1, w)}: at drift 1 a uniform draw u decides "old" when
 * u &gt; P_1(n) (MOA: {@code random.nextDouble() > probabilityDrift}), else the choice passes to
 * drift 2, and so on. One difference: MOA's inner streams count only the instances that reach them,
 * so their positions slip; here every drift is positioned on the stream's own sample count, which is
 * what a schedule means. Drifts whose probability is exactly 0 or 1 need no draw, so abrupt
 * schedules and the long stable stretches of gradual ones consume no random numbers, and the work per
 * sample does not grow with the number of past drifts.
 *
 * <p>Ground truth: {@code driftIndex} counts drifts whose phase has started (abrupt: at p; gradual:
 * at p − w); the phase is ABRUPT on the first sample of a new concept, GRADUAL for p − w ≤ seq &lt; p + w
 * with {@code fromConceptId} the concept being left and {@code mixProbability} the sigmoid;
 * {@code mixProbability} is 0 before the first drift and 1 after a drift's phase.
 */
public final class ConceptSelector {

    private final ConceptSchedule schedule;
    private final SplittableRandom drift;
    /** Drifts 1…settled have probability 1 for every later sample. */
    private int settled;
    /** Drifts 1…started have begun their phase. */
    private int started;

    public ConceptSelector(ConceptSchedule schedule, SplittableRandom drift) {
        this.schedule = schedule;
        this.drift = drift;
    }

    /** Chooses the concept of sample {@code seq} (called with seq = 0, 1, 2, …) and writes its ground truth. */
    public int select(long seq, GeneratedSample into) {
        int k = settled;
        while (true) {
            double p = schedule.newConceptProbability(k + 1, seq);
            if (p >= 1) {
                if (k == settled) {
                    settled++; // the sigmoid only rises: drift k + 1 has happened for good
                }
                k++;
            } else if (p <= 0 || drift.nextDouble() > p) {
                break;
            } else {
                k++;
            }
        }
        int concept = schedule.concept(k);
        while (schedule.phaseStart(started + 1) <= seq) {
            started++;
        }
        into.conceptId = concept;
        into.driftIndex = started;
        into.fromConceptId = -1;
        if (started == 0) {
            into.phase = DriftPhase.STABLE;
            into.mixProbability = 0;
        } else if (seq >= schedule.phaseEnd(started)) {
            into.phase = DriftPhase.STABLE;
            into.mixProbability = 1;
        } else if (schedule.width() == 0) {
            into.phase = DriftPhase.ABRUPT;
            into.mixProbability = 1;
        } else {
            into.phase = DriftPhase.GRADUAL;
            into.fromConceptId = schedule.concept(started - 1);
            into.mixProbability = schedule.newConceptProbability(started, seq);
        }
        return concept;
    }
}
