package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.testing.FixedStepSgd;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void parsesTheThreeChoices() {
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
        assertEquals(DeviceChoice.GPU, DeviceChoice.parse(" GPU "));
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse("cpu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
        assertTrue(e.getMessage().contains("\"tpu\"") && e.getMessage().contains("auto, cpu or gpu"), e.getMessage());
    }

    @Test
    void autoFollowsWhatDjlSeesAndGpuWithoutOneFailsClearly() {
        boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(2))
                .optimizer(FixedStepSgd.factory(0.1)).optDevice(DeviceChoice.AUTO).build()) {
            assertEquals(gpu ? Device.gpu() : Device.cpu(), learner.device());
            learner.learnOne(new float[] {1, 2}, 3);
            assertEquals(learner.device(), learner.parameterDevice(), "parameters stay on the learner's device after a step");
        }
        if (!gpu) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceChoice.GPU.resolve());
            assertTrue(e.getMessage().contains("no GPU") && e.getMessage().contains("README"), e.getMessage());
        }
    }
}
