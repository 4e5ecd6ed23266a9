package dev.driftwise.streams.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FairOrderTest {

    @Test
    void equalWeightsAreRoundRobin() {
        FairOrder order = FairOrder.roundRobin(3);
        int[] picks = new int[7];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = order.next();
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, picks, "saw " + Arrays.toString(picks));
    }

    @Test
    void streamsGetSharesInProportionToTheirWeightsAtEveryPrefix() {
        FairOrder order = new FairOrder(new double[] {30, 10, 20});
        long[] counts = new long[3];
        for (int n = 1; n <= 600; n++) {
            counts[order.next()]++;
            // weighted fair queueing: no stream is ever more than one sample ahead of its share
            for (int i = 0; i < 3; i++) {
                double share = n * new double[] {0.5, 1.0 / 6, 1.0 / 3}[i];
                assertTrue(Math.abs(counts[i] - share) <= 1.0 + 1e-9,
                        "after " + n + " samples stream " + i + " had " + counts[i] + ", its share is " + share);
            }
        }
        assertArrayEquals(new long[] {300, 100, 200}, counts);
    }

    @Test
    void theOrderDependsOnlyOnTheWeights() {
        FairOrder a = new FairOrder(new double[] {3, 7});
        FairOrder b = new FairOrder(new double[] {3, 7});
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.next(), b.next(), "pick " + i);
        }
    }
}
