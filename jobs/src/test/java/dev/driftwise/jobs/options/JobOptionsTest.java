package dev.driftwise.jobs.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobOptions o = JobOptions.parse("--bootstrap", "localhost:9092");
        assertEquals("driftwise.samples", o.samplesTopic);
        assertEquals("driftwise.models", o.modelsTopic);
        assertEquals("driftwise.stepsizes", o.stepSizesTopic);
        assertEquals("driftwise.metrics", o.metricsTopic);
        assertEquals("driftwise.dlq", o.dlqTopic);
        assertEquals(Mode.PER_STREAM, o.mode);
        assertEquals(32, o.defaults.microBatch());
        assertEquals(Duration.ofSeconds(10), o.checkpointInterval);
        assertEquals(false, o.bounded);
        assertEquals(false, o.createTopics);
    }

    @Test
    void perStreamOverridesReplaceOnlyWhatTheyName() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:1", "--model", "linear:4", "--micro-batch", "16",
                "--stream.sensors.micro-batch", "64", "--stream.sensors.model", "softmax:4:3", "--create-topics", "--bounded");
        assertEquals(new LearnerSettings("softmax:4:3", "default", 64, "auto", "auto", 1000, 0.999), o.settingsFor("sensors"));
        assertEquals(new LearnerSettings("linear:4", "default", 16, "auto", "auto", 1000, 0.999), o.settingsFor("other"));
        assertTrue(o.createTopics);
        assertTrue(o.bounded);
    }

    @Test
    void globalModeMapsEveryStreamToOneLearner() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:1", "--mode", "global");
        assertEquals(Mode.GLOBAL_KEY, o.learnerKeyOf("a"));
        assertEquals(Mode.GLOBAL_KEY, o.learnerKeyOf("b"));
        assertEquals("a", JobOptions.parse("--bootstrap", "b:1").learnerKeyOf("a"));
    }

    @Test
    void badValuesNameTheFlagTheValueAndWhatIsAllowed() {
        assertMessage("--micro-batch '0': allowed: a whole number >= 1", "--bootstrap", "b:1", "--micro-batch", "0");
        assertMessage("--mode 'both': allowed: per-stream, global", "--bootstrap", "b:1", "--mode", "both");
        assertMessage("--checkpoint-interval 'soon'", "--bootstrap", "b:1", "--checkpoint-interval", "soon");
        assertMessage("--fading-factor '1.5': allowed: a number in (0, 1]", "--bootstrap", "b:1", "--fading-factor", "1.5");
        assertMessage("--stream.s1.device 'tpu': allowed: cpu, gpu, auto", "--bootstrap", "b:1", "--stream.s1.device", "tpu");
        assertMessage("--bootstrap (missing value)", "--bounded");
        assertMessage("unknown flag --bootstrap-servers", "--bootstrap-servers", "x");
        assertMessage("--stream.s1.lr 'x': per-stream overrides read", "--bootstrap", "b:1", "--stream.s1.lr", "x");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String help = JobOptions.help();
        for (FlagParser.Flag f : FlagParser.FLAGS) {
            assertTrue(help.contains("--" + f.name()), "help lacks --" + f.name());
        }
        assertTrue(help.contains("[default: driftwise.models]"), help);
    }

    private static void assertMessage(String expectedStart, String... args) {
        OptionException e = assertThrows(OptionException.class, () -> JobOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage() + "\nexpected start: " + expectedStart);
    }
}
