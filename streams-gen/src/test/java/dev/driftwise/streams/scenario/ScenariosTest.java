package dev.driftwise.streams.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInLoadsAndGenerates() {
        record Expect(String name, int streams, int features, String kind) { }
        List<Expect> expected = List.of(
                new Expect("sutton", 1, 20, "regression"),
                new Expect("level-tracking", 1, 1, "regression"),
                new Expect("stationary", 1, 20, "regression"),
                new Expect("hyperplane", 1, 10, "binary"),
                new Expect("sea-abrupt", 1, 3, "binary"),
                new Expect("sea-gradual", 1, 3, "binary"),
                new Expect("permuted", 1, 100, "multiclass:10"),
                new Expect("mixed-demo", 3, 3, "binary"));
        assertEquals(Scenarios.BUILT_IN.size(), expected.size(), "every built-in is checked");
        for (Expect e : expected) {
            Scenario scenario = Scenarios.load(e.name(), null);
            assertEquals(e.name(), scenario.name());
            assertTrue(!((SpecScenario) scenario).description().isBlank(), e.name() + " has a description");
            List<SampleStream> streams = scenario.streams();
            assertEquals(e.streams(), streams.size(), e.name() + " stream count");
            assertEquals(e.features(), streams.get(0).featureCount(), e.name() + " feature count");
            assertEquals(e.kind(), streams.get(0).targetKind(), e.name() + " target kind");
            for (SampleStream stream : streams) {
                GeneratedSample s = new GeneratedSample(stream.featureCount());
                for (int j = 0; j < 100; j++) {
                    stream.next(s);
                    assertEquals(j, s.seq, e.name() + "/" + stream.streamId() + " seq");
                }
            }
        }
        List<SampleStream> demo = Scenarios.load("mixed-demo", null).streams();
        assertEquals(List.of("sea", "hyperplane", "agrawal"), demo.stream().map(SampleStream::streamId).toList());
        assertEquals(200.0, demo.get(1).ratePerSecond(), "the demo runs at a modest rate");
    }

    @Test
    void aFileWithEveryFieldLoads() throws IOException {
        Path file = write("custom.json", """
                {"description": "all shapes", "seed": 3, "rate": 50, "streams": [
                  {"id": "a", "family": "agrawal", "params": {"functions": [2, 7], "balanceClasses": true},
                   "initialConcept": 1, "drift": [{"type": "gradual", "every": 1000, "start": 500, "width": 100}]},
                  {"id": "r", "family": "rbf", "params": {"centroids": 10}, "rate": 10, "seed": 99,
                   "drift": [{"type": "incremental", "start": 10, "end": 20, "magnitude": 0.01},
                             {"type": "recurring", "concepts": [0, 1, 2], "period": 50}]}
                ]}""");
        Scenario scenario = Scenarios.load(file.toString(), null);
        assertEquals("custom", scenario.name(), "name defaults to the file name");
        SampleStream a = scenario.streams().get(0);
        SampleStream r = scenario.streams().get(1);
        assertEquals(50.0, a.ratePerSecond(), "scenario rate is the default");
        assertEquals(10.0, r.ratePerSecond(), "a stream's own rate wins");
        GeneratedSample s = new GeneratedSample(9);
        a.next(s);
        assertEquals(1, s.conceptId, "initialConcept");
    }

    /**
     * A stream's own seed pins it regardless of the scenario seed; a seed override changes every
     * stream, pinned or not, and is what the scenario reports.
     */
    @Test
    void seedOverrideChangesEveryStreamAndIsReported() {
        String json = """
                {"seed": %d, "streams": [{"id": "pinned", "family": "sea", "seed": 77}, {"id": "derived", "family": "sea"}]}""";
        Scenario s1 = Scenarios.parse("inline", "x", json.formatted(1), null);
        Scenario s2 = Scenarios.parse("inline", "x", json.formatted(2), null);
        assertEquals(first(s1, 0), first(s2, 0), "an explicit stream seed ignores the scenario seed");
        assertTrue(first(s1, 1) != first(s2, 1), "a derived stream seed follows the scenario seed");
        Scenario o1 = Scenarios.parse("inline", "x", json.formatted(1), 10L);
        Scenario o2 = Scenarios.parse("inline", "x", json.formatted(1), 11L);
        assertTrue(first(o1, 0) != first(o2, 0), "the override reaches a pinned stream");
        assertTrue(first(o1, 1) != first(o2, 1), "the override reaches a derived stream");
        assertTrue(first(o1, 0) != first(s1, 0), "overridden differs from the file's own seeds");
        assertEquals(1, ((SpecScenario) s1).seed());
        assertEquals(10, ((SpecScenario) o1).seed());
    }

    private static float first(Scenario scenario, int stream) {
        SampleStream s = scenario.streams().get(stream);
        GeneratedSample sample = new GeneratedSample(s.featureCount());
        s.next(sample);
        return sample.features[0];
    }

    @Test
    void unknownNameListsTheBuiltIns() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenarios.load("sea-abrubt", null));
        assertMentions(e, "sea-abrubt", "no such file", "sea-abrupt", "mixed-demo");
    }

    @Test
    void badValuesAreReportedWithFilePathValueAndWhatIsAllowed() throws IOException {
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "params": {"noise": 1.5}}]}""",
                "$.streams[0].params.noise", "1.5", "expected a number in [0, 1]");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "params": {"nosie": 0.1}}]}""",
                "$.streams[0].params.nosie", "not a parameter of family 'sea'", "noise", "featureScale");
        expectError("""
                {"streams": [{"id": "s", "family": "hyperplan"}]}""",
                "$.streams[0].family", "\"hyperplan\"", "hyperplane", "agrawal");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "gradual", "at": [100, 50], "width": 10}]}]}""",
                "$.streams[0].drift[0].at[1]", "50", "must increase");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "gradual", "at": [100]}]}]}""",
                "$.streams[0].drift[0].width", "required for a gradual drift");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "abrupt", "at": [10], "concepts": [4]}]}]}""",
                "$.streams[0].drift[0].concepts[0]", "4", "[0, 3]");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "incremental", "magnitude": 0.1}]}]}""",
                "$.streams[0].drift[0].type", "has no parameters that move");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "sudden", "at": [1]}]}]}""",
                "$.streams[0].drift[0].type", "\"sudden\"", "abrupt, gradual, recurring, incremental");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "drift": [{"type": "abrupt", "at": [5]}, {"type": "gradual", "at": [9], "width": 2}]}]}""",
                "$.streams[0].drift[1].type", "$.streams[0].drift[0] is one already");
        expectError("""
                {"streams": [{"id": "s", "family": "sea"}, {"id": "s", "family": "linear"}]}""",
                "$.streams[1].id", "unique", "$.streams[0].id");
        expectError("""
                {"streams": [{"id": "s", "family": "sutton", "params": {"relevant": 30}}]}""",
                "$.streams[0].params.relevant", "30", "at most features (20)");
        expectError("""
                {"streams": [{"id": "s", "family": "agrawal", "params": {"functions": [1, 11]}}]}""",
                "$.streams[0].params.functions[1]", "11", "[1, 10]");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "speed": 3}]}""",
                "$.streams[0].speed", "unknown field", "initialConcept");
        expectError("""
                {"streams": []}""", "$.streams", "non-empty array");
        expectError("""
                {"streams": [ {"id": "s", "family": "sea"}""", "not valid JSON", "line");
        expectError("""
                {"streams": [{"id": "s", "family": "sea", "initialConcept": 1,
                  "drift": [{"type": "recurring", "concepts": [0, 2], "period": 10}]}]}""",
                "$.streams[0].drift[0].type", "starts with its first concept");
    }

    private void expectError(String json, String... fragments) throws IOException {
        Path file = write("bad.json", json);
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenarios.load(file.toString(), null),
                "expected an error for " + json);
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "message names the file: " + e.getMessage());
        assertMentions(e, fragments);
    }

    private static void assertMentions(Exception e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should mention '" + f + "' but was: " + e.getMessage());
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
