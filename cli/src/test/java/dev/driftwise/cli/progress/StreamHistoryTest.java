package dev.driftwise.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamHistoryTest {

    @Test
    void aGradualDriftWhoseConceptFlickersIsReportedOnce() {
        StreamHistory h = new StreamHistory("agrawal");
        for (long seq = 0; seq < 100; seq++) {
            assertNull(h.noteGroundTruth(seq, 0, "STABLE", 0, -1), "no drift before seq 100");
        }
        // during the mixture the drawn concept alternates; the drift index does not
        StreamHistory.Drift first = h.noteGroundTruth(100, 1, "GRADUAL", 1, 0);
        assertNull(h.noteGroundTruth(101, 1, "GRADUAL", 0, 0));
        assertNull(h.noteGroundTruth(102, 1, "GRADUAL", 1, 0));
        assertNull(h.noteGroundTruth(103, 1, "STABLE", 1, -1));
        StreamHistory.Drift second = h.noteGroundTruth(200, 2, "ABRUPT", 0, -1);

        assertEquals(new StreamHistory.Drift(100, 1, "GRADUAL", 0, -1), first);
        assertEquals(new StreamHistory.Drift(200, 2, "ABRUPT", 1, 0), second);
        assertEquals(List.of(first, second), h.drifts());
        assertEquals("abrupt drift #2: concept 1 → 0", second.label());
    }

    @Test
    void modelVersionsCountFirstChunksAndKeepTheHighest() {
        StreamHistory h = new StreamHistory("sea");
        h.addModelVersion(1);
        h.addModelVersion(3);
        h.addModelVersion(2);
        assertEquals(3, h.latestModelVersion());
        assertEquals(3, h.modelSnapshots());
    }

    @Test
    void alphaIsOneNumberForOneBlockAndAGeometricMeanWithRangeForSeveral() {
        assertEquals("α 1.000e-03", ProgressLines.alpha(new StreamHistory.AlphaPoint(10, Map.of("layer0", 1e-3))));
        assertEquals("α 2 blocks gmean 1.000e-03 [1.00e-04..1.00e-02]",
                ProgressLines.alpha(new StreamHistory.AlphaPoint(10, Map.of("layer0", 1e-4, "layer1", 1e-2))));
    }
}
