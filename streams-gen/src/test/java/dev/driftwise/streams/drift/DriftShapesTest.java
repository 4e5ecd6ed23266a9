package dev.driftwise.streams.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.family.LinearRegression;
import dev.driftwise.streams.family.Sea;
import dev.driftwise.streams.family.StreamRandoms;
import dev.driftwise.streams.family.TaskFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftShapesTest {

    private static DriftingStream sea(ConceptSchedule schedule, long seed) {
        StreamRandoms r = new StreamRandoms(seed);
        TaskFamily family = new Sea(new double[] {8, 9, 7, 9.5}, 0.10, 1.0, r);
        return new DriftingStream("sea", 0, family, schedule, List.of(), r.drift);
    }

    @Test
    void abruptDriftSwitchesExactlyAtItsPosition() {
        DriftingStream stream = sea(ConceptSchedule.at(0, new long[] {1000, 2500}, new int[] {2, 3}, 0), 1);
        GeneratedSample s = new GeneratedSample(3);
        for (int j = 0; j < 4000; j++) {
            stream.next(s);
            int concept = j < 1000 ? 0 : j < 2500 ? 2 : 3;
            int index = j < 1000 ? 0 : j < 2500 ? 1 : 2;
            DriftPhase phase = j == 1000 || j == 2500 ? DriftPhase.ABRUPT : DriftPhase.STABLE;
            assertEquals(j, s.seq, "seq");
            assertEquals(concept, s.conceptId, "concept at seq " + j);
            assertEquals(index, s.driftIndex, "drift index at seq " + j);
            assertEquals(phase, s.phase, "phase at seq " + j);
            assertEquals(j < 1000 ? 0.0 : 1.0, s.mixProbability, "mix probability at seq " + j);
            assertEquals(-1, s.fromConceptId, "no from-concept outside a gradual drift");
        }
    }

    /** MOA ConceptDriftStream: P(new) = 1/(1 + e^(−4(n − p)/w)), n the 1-based sample count. */
    @Test
    void gradualProbabilityIsMoaSigmoid() {
        long p = 250_000;
        double w = 50_000;
        ConceptSchedule schedule = ConceptSchedule.at(0, new long[] {p}, new int[] {1}, w);
        for (long seq : new long[] {0, 150_000, 200_000, 225_000, 249_999, 260_000, 275_000, 300_000, 400_000}) {
            long n = seq + 1;
            double expected = 1.0 / (1.0 + Math.exp(-4.0 * (n - p) / w));
            assertEquals(expected, schedule.newConceptProbability(1, seq), 1e-15, "P(new) at seq " + seq);
        }
        assertEquals(0.5, schedule.newConceptProbability(1, p - 1), 1e-15, "midpoint: n = p");
        assertEquals(0.0, schedule.newConceptProbability(1, p - 11 * (long) w), "saturated far before");
        assertEquals(1.0, schedule.newConceptProbability(1, p + 11 * (long) w), "saturated far after");
    }

    /**
     * The share of new-concept samples in 500-sample windows across a gradual drift matches the mean
     * sigmoid over each window within 4.5 binomial standard errors; ground truth names both concepts.
     */
    @Test
    void gradualDriftMixesConceptsInTheSigmoidProportion() {
        long p = 20_000;
        int w = 4_000;
        DriftingStream stream = sea(ConceptSchedule.at(0, new long[] {p}, new int[] {1}, w), 2);
        ConceptSchedule schedule = ConceptSchedule.at(0, new long[] {p}, new int[] {1}, w);
        GeneratedSample s = new GeneratedSample(3);
        int window = 500;
        for (int start = 0; start < 40_000; start += window) {
            int fromNew = 0;
            double expected = 0;
            for (int j = 0; j < window; j++) {
                stream.next(s);
                long seq = s.seq;
                double prob = schedule.newConceptProbability(1, seq);
                expected += prob;
                fromNew += s.conceptId == 1 ? 1 : 0;
                boolean inPhase = seq >= p - w && seq < p + w;
                assertEquals(inPhase ? DriftPhase.GRADUAL : DriftPhase.STABLE, s.phase, "phase at seq " + seq);
                assertEquals(seq >= p - w ? 1 : 0, s.driftIndex, "drift index at seq " + seq);
                if (inPhase) {
                    assertEquals(0, s.fromConceptId, "from-concept at seq " + seq);
                    assertEquals(prob, s.mixProbability, 1e-15, "mix probability at seq " + seq);
                }
            }
            double mean = expected / window;
            double se = Math.sqrt(Math.max(mean * (1 - mean), 1e-4) / window);
            assertEquals(mean, fromNew / (double) window, 4.5 * se + 1e-9,
                    "share from the new concept in [" + start + ", " + (start + window) + ")");
        }
    }

    @Test
    void recurringDriftReturnsToEarlierConcepts() {
        DriftingStream stream = sea(ConceptSchedule.recurring(new int[] {2, 0}, 300, 0), 3);
        GeneratedSample s = new GeneratedSample(3);
        for (int j = 0; j < 3000; j++) {
            stream.next(s);
            int period = j / 300;
            assertEquals(period % 2 == 0 ? 2 : 0, s.conceptId, "concept at seq " + j + " (A→B→A→B, period 300)");
            assertEquals(period, s.driftIndex, "drift index at seq " + j);
            assertEquals(j > 0 && j % 300 == 0 ? DriftPhase.ABRUPT : DriftPhase.STABLE, s.phase, "phase at seq " + j);
        }
    }

    /** Many overlapping gradual drifts (every 1,000, width 2,000): the chain still picks recent concepts most. */
    @Test
    void overlappingGradualDriftsFollowTheNestedChain() {
        ConceptSchedule schedule = ConceptSchedule.every(0, 1000, 1000, 2000, k -> k);
        StreamRandoms r = new StreamRandoms(4);
        DriftingStream stream = new DriftingStream("t3", 0, new LinearRegression(2, 1, 1, r), schedule, List.of(), r.drift);
        GeneratedSample s = new GeneratedSample(2);
        int[] lag = new int[12];
        for (int j = 0; j < 50_000; j++) {
            stream.next(s);
            if (j >= 10_000) {
                int latest = (int) Math.floor((j + 1) / 1000.0); // drifts with n ≥ p
                int d = latest - s.conceptId;
                // stopping 7 drifts back needs u > P at 4(n − p)/w ≥ 14, P(miss) < 1e-6 per sample
                assertTrue(d >= -4 && d < 8, "concept " + s.conceptId + " at seq " + j + " is far from drift " + latest);
                lag[d + 4]++;
            }
        }
        assertTrue(lag[4] + lag[3] > lag[5] + lag[6], "most samples come from the latest concepts: " + java.util.Arrays.toString(lag));
    }
}
