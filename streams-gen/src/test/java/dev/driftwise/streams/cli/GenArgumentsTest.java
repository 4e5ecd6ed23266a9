package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad arguments end with exit code 2 and a message naming the flag, the value and what is allowed. */
class GenArgumentsTest {

    private static void assertBadArgument(String expectedInMessage, String... args) {
        Run run = Run.gen(args);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(expectedInMessage), "expected '" + expectedInMessage + "' in:\n" + run);
    }

    @Test
    void aRateMustBePositive() {
        assertBadArgument("Invalid value for option '--rate': -5.0 (must be a number of samples/s > 0)", "--scenario", "tiny-1", "--rate", "-5");
    }

    @Test
    void aRateMustBeANumber() {
        assertBadArgument("'--rate'", "--rate", "fast");
    }

    @Test
    void aDurationNeedsAUnit() {
        assertBadArgument("'10' is not a duration; write e.g. 30s, 5m, 1h30m, 500ms", "--duration", "10");
    }

    @Test
    void theOutputFormatComesFromTheFileName() {
        assertBadArgument("Invalid value for option '--out': 'samples.txt' (the file name must end in .avro or .csv",
                "--scenario", "tiny-1", "--count", "5", "--out", "samples.txt");
    }

    @Test
    void aGeneratedFileNeedsAnEnd() {
        assertBadArgument("--out needs --count N or --duration TIME", "--scenario", "tiny-1", "--out", "x.csv");
    }

    @Test
    void scenarioAndReplayExcludeEachOther() {
        assertBadArgument("options '--scenario' and '--replay' cannot be used together", "--scenario", "tiny-1", "--replay", "x.csv", "--target", "y");
    }

    @Test
    void replayNeedsATarget() {
        assertBadArgument("Missing option '--target COLUMN'", "--replay", "x.csv");
    }

    @Test
    void rateFlagsExcludeEachOther() {
        assertBadArgument("--rate and --no-rate-limit contradict each other", "--scenario", "tiny-1", "--rate", "5", "--no-rate-limit");
    }

    @Test
    void kafkaFlagsDoNotApplyToFiles() {
        assertBadArgument("option '--topic' only applies when writing to Kafka, not with --out",
                "--scenario", "tiny-1", "--count", "5", "--out", "x.csv", "--topic", "t");
    }

    @Test
    void kafkaSettingsDoNotApplyToFilesAndAreCheckedBeforeConnecting() {
        assertBadArgument("option '--kafka-config' only applies when writing to Kafka, not with --out",
                "--scenario", "tiny-1", "--count", "5", "--out", "x.csv", "--kafka-config", "client.properties");
        assertBadArgument("--kafka-config '/no/such.properties': no such file",
                "--scenario", "tiny-1", "--count", "5", "--kafka-config", "/no/such.properties");
        assertBadArgument("security.protocol 'TLS' (--kafka-property): ",
                "--scenario", "tiny-1", "--count", "5", "--kafka-property", "security.protocol=TLS");
        assertBadArgument("key.serializer=org.apache.kafka.common.serialization.StringSerializer (--kafka-property) conflicts with the producer's key.serializer=",
                "--scenario", "tiny-1", "--count", "5", "--kafka-property", "key.serializer=org.apache.kafka.common.serialization.StringSerializer", "--bootstrap", "127.0.0.1:1");
    }

    @Test
    void aBootstrapNeedsAPort() {
        assertBadArgument("Invalid value for option '--bootstrap': 'localhost' (expected HOST:PORT[,HOST:PORT...], e.g. localhost:9092)",
                "--scenario", "tiny-1", "--bootstrap", "localhost");
    }

    @Test
    void anUnknownScenarioListsTheBuiltIns() {
        assertBadArgument("Invalid value for option '--scenario': 'nope' is not a scenario; built-ins: [tiny-1, tiny-4]", "--scenario", "nope", "--count", "1", "--discard");
    }

    @Test
    void helpListsTheFlagsAndExitsZero() {
        Run run = Run.gen("--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (String flag : new String[] {"--bootstrap", "--topic", "--scenario", "--rate", "--rate-per-stream", "--count", "--duration",
                "--seed", "--out", "--replay", "--target", "--stream-id", "--[no-]progress"}) {
            assertTrue(run.out().contains(flag), flag + " missing from --help:\n" + run.out());
        }
    }
}
