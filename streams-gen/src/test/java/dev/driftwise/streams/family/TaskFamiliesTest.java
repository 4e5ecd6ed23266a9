package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFamiliesTest {

    @Test
    void everyFamilyBuildsFromDefaultsAndDrawsValidSamples() {
        assertEquals(List.of("sutton", "level", "linear", "hyperplane", "sea", "permuted", "rbf", "agrawal"),
                List.copyOf(TaskFamilies.names()));
        for (String name : TaskFamilies.names()) {
            TaskFamily family = TaskFamilies.create(name, FamilyParams.defaults(), new StreamRandoms(1));
            assertEquals(name, family.name());
            String kind = family.targetKind();
            int classes = kind.equals("binary") ? 2 : kind.startsWith("multiclass:") ? Integer.parseInt(kind.substring(11)) : 0;
            assertTrue(kind.equals("regression") || classes >= 2, name + ": target kind " + kind);
            GeneratedSample s = new GeneratedSample(family.featureCount());
            for (int concept = 0; concept < Math.min(2, family.conceptCount()); concept++) {
                for (int j = 0; j < 1000; j++) {
                    family.draw(concept, s);
                    for (float x : s.features) {
                        assertTrue(Float.isFinite(x), name + ": feature " + x);
                    }
                    boolean valid = classes == 0 ? Double.isFinite(s.target)
                            : s.target == Math.rint(s.target) && s.target >= 0 && s.target < classes;
                    assertTrue(valid, name + ": target " + s.target + " for kind " + kind);
                }
            }
        }
    }

    @Test
    void anUnknownFamilyListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskFamilies.create("stagger", FamilyParams.defaults(), new StreamRandoms(1)));
        assertTrue(e.getMessage().contains("stagger") && e.getMessage().contains("hyperplane, sea"), e.getMessage());
    }
}
