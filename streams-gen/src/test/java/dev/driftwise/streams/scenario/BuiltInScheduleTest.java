package dev.driftwise.streams.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import org.junit.jupiter.api.Test;

/** The T6 built-ins put their drift markers where benchmarks.md says: 250k, 500k, 750k. */
class BuiltInScheduleTest {

    private static final long[] DRIFTS = {250_000, 500_000, 750_000};
    private static final int[] CONCEPTS = {0, 1, 2, 3};

    @Test
    void seaAbruptSwitchesAtExactlyTheQuarterMillions() {
        SampleStream sea = Scenarios.load("sea-abrupt", 3L).streams().get(0);
        GeneratedSample s = new GeneratedSample(3);
        for (long j = 0; j < 1_000_000; j++) {
            sea.next(s);
            int k = drift(j, 0);
            if (s.conceptId != CONCEPTS[k] || s.driftIndex != k || (s.phase == DriftPhase.ABRUPT) != isDrift(j)) {
                throw new AssertionError("seq " + j + ": concept " + s.conceptId + ", drift index " + s.driftIndex
                        + ", phase " + s.phase + "; expected concept " + CONCEPTS[k] + ", index " + k
                        + (isDrift(j) ? ", ABRUPT" : ", STABLE"));
            }
        }
    }

    /**
     * Phases span p ± 50,000 and name the concept being left; at the centres the mixture is half and
     * half; before the first phase the sigmoid's tail still sends its share of samples to concept 1.
     */
    @Test
    void seaGradualMixesAroundTheQuarterMillions() {
        SampleStream sea = Scenarios.load("sea-gradual", 3L).streams().get(0);
        GeneratedSample s = new GeneratedSample(3);
        int[] fromNewNearCentre = new int[3];
        int nearCentre = 2_000;
        int earlyFromNew = 0;
        double earlyExpected = 0;
        for (long j = 0; j < 1_000_000; j++) {
            sea.next(s);
            final long seq = j;
            int k = drift(j, 50_000);
            boolean gradual = k > 0 && j < DRIFTS[k - 1] + 50_000;
            assertEquals(gradual ? DriftPhase.GRADUAL : DriftPhase.STABLE, s.phase, () -> "phase at seq " + seq);
            assertEquals(k, s.driftIndex, () -> "drift index at seq " + seq);
            if (gradual) {
                assertEquals(CONCEPTS[k - 1], s.fromConceptId, () -> "from-concept at seq " + seq);
                assertTrue(s.conceptId == CONCEPTS[k] || s.conceptId == CONCEPTS[k - 1], () -> "concept " + s.conceptId + " at seq " + seq);
                if (Math.abs(j + 1 - DRIFTS[k - 1]) <= nearCentre / 2) {
                    fromNewNearCentre[k - 1] += s.conceptId == CONCEPTS[k] ? 1 : 0;
                }
            } else if (j < DRIFTS[0] - 50_000) {
                earlyFromNew += s.conceptId == 1 ? 1 : 0;
                earlyExpected += 1.0 / (1.0 + Math.exp(-4.0 * (j + 1 - DRIFTS[0]) / 50_000));
            }
        }
        // the MOA sigmoid never quite reaches 0: about (w/4)·e^-4 ≈ 229 samples come early, labelled STABLE
        assertEquals(earlyExpected, earlyFromNew, 4.5 * Math.sqrt(earlyExpected),
                "new-concept samples before the first gradual phase (expected " + earlyExpected + ")");
        for (int d = 0; d < 3; d++) {
            // sigmoid within ±1,000 of the centre, width 50,000: mean 0.5, values 0.46–0.54
            assertEquals(0.5, fromNewNearCentre[d] / (nearCentre + 1.0), 4.5 * Math.sqrt(0.25 / nearCentre),
                    "share of new-concept samples around drift " + (d + 1));
        }
    }

    private static int drift(long seq, long lead) {
        int k = 0;
        while (k < DRIFTS.length && seq >= DRIFTS[k] - lead) {
            k++;
        }
        return k;
    }

    private static boolean isDrift(long seq) {
        for (long p : DRIFTS) {
            if (seq == p) {
                return true;
            }
        }
        return false;
    }
}
