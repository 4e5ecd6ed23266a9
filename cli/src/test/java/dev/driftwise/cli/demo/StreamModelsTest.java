package dev.driftwise.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.scenario.Scenarios;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamModelsTest {

    @Test
    void mixedDemoStreamsGetLogisticModelsOfTheirFeatureCounts() {
        Map<String, String> models = StreamModels.of(Scenarios.load("mixed-demo", null).streams());
        assertEquals(Map.of("sea", "logistic:3", "hyperplane", "logistic:10", "agrawal", "logistic:9"), models);
    }

    @Test
    void regressionAndMulticlassMapToLinearAndSoftmax() {
        assertEquals("linear:20", StreamModels.modelFor(20, "regression"));
        assertEquals("softmax:100:10", StreamModels.modelFor(100, "multiclass:10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamModels.modelFor(3, "ordinal"));
        assertTrue(e.getMessage().contains("'ordinal'"), e.getMessage());
    }

    @Test
    void aFullDiskWhileDjlUnpacksSaysWhereToFreeSpace() {
        Exception e = new RuntimeException("engine load failed", new java.io.IOException("No space left on device"));
        String m = NewcomerErrors.explain(e);
        assertTrue(m.contains("DJL_CACHE_DIR") && m.contains("Free some space"), m);
    }
}
