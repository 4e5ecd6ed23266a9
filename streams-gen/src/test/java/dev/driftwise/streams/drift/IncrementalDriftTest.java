package dev.driftwise.streams.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.family.RotatingHyperplane;
import dev.driftwise.streams.family.Sea;
import dev.driftwise.streams.family.StreamRandoms;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalDriftTest {

    @Test
    void weightsMoveOnlyInsideTheMotionWindowAndSamplesAreMarked() {
        StreamRandoms r = new StreamRandoms(81);
        RotatingHyperplane plane = new RotatingHyperplane(10, 2, 0.05, 0.10, r);
        DriftingStream stream = new DriftingStream("hp", 0, plane, ConceptSchedule.stationary(0),
                List.of(new MotionWindow(100, 300, 0.01)), r.drift);
        GeneratedSample s = new GeneratedSample(10);
        double[] start = plane.weights(0);
        for (int j = 0; j < 400; j++) {
            double before = plane.weights(0)[0];
            stream.next(s);
            double step = Math.abs(plane.weights(0)[0] - before);
            boolean moving = j >= 100 && j < 300;
            assertEquals(moving ? 0.01 : 0.0, step, 1e-12, "weight step after seq " + j);
            assertEquals(moving ? DriftPhase.INCREMENTAL : DriftPhase.STABLE, s.phase, "phase at seq " + j);
            assertEquals(j >= 100 ? 1 : 0, s.driftIndex, "drift index at seq " + j);
            assertEquals(0, s.conceptId, "an incremental drift keeps the concept id");
        }
        assertEquals(start[5], plane.weights(0)[5], "a non-drifting weight never moves");
    }

    @Test
    void aFamilyWithoutMovingPartsRefusesIncrementalDrift() {
        StreamRandoms r = new StreamRandoms(82);
        Sea sea = new Sea(new double[] {8}, 0.1, 1, r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DriftingStream("s", 0, sea,
                ConceptSchedule.stationary(0), List.of(new MotionWindow(0, 10, 0.1)), r.drift));
        assertEquals(true, e.getMessage().contains("sea"), e.getMessage());
    }
}
