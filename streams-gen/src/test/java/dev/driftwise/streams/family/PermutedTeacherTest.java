package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.drift.DriftingStream;
import dev.driftwise.streams.scenario.Scenarios;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PermutedTeacherTest {

    /**
     * T7 built-in: the permutation changes exactly at multiples of 10,000; within a task every label is
     * the teacher's argmax on the un-permuted input; consecutive tasks use different permutations.
     */
    @Test
    void aFreshPermutationEveryTenThousandSamplesAndTheTeacherSeesTheOriginalInput() {
        DriftingStream stream = (DriftingStream) Scenarios.load("permuted", 61L).streams().get(0);
        PermutedTeacher t7 = (PermutedTeacher) stream.family();
        GeneratedSample s = new GeneratedSample(100);
        double[] x = new double[100];
        int[] classCounts = new int[10];
        int[] previousPermutation = null;
        for (int task = 0; task < 3; task++) {
            int[] pi = t7.permutation(task);
            int[] sorted = pi.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 100; i++) {
                assertEquals(i, sorted[i], "task " + task + " permutation is not a permutation");
            }
            if (previousPermutation != null) {
                assertFalse(Arrays.equals(pi, previousPermutation), "task " + task + " reuses the previous permutation");
            }
            previousPermutation = pi;
            for (int j = 0; j < 10_000; j++) {
                stream.next(s);
                assertEquals(task, s.conceptId, "concept at seq " + s.seq);
                assertEquals(task > 0 && j == 0 ? DriftPhase.ABRUPT : DriftPhase.STABLE, s.phase, "phase at seq " + s.seq);
                for (int i = 0; i < 100; i++) {
                    x[pi[i]] = s.features[i];
                }
                assertEquals(t7.teacherLabel(x), (int) s.target, "label at seq " + s.seq);
                classCounts[(int) s.target]++;
            }
        }
        for (int k = 0; k < 10; k++) {
            assertTrue(classCounts[k] > 300, "class " + k + " seen " + classCounts[k] + " times in 30,000: " + Arrays.toString(classCounts));
        }
    }
}
