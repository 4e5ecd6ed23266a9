package dev.driftwise.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny T1 through the command line: exit code, table, JSON fields, a real fixed-step grid minimum. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void tinyT1GivesJsonWithTheGridMinimumAndPairedDifferences() throws Exception {
        Path json = dir.resolve("t1.json");
        Path paths = dir.resolve("paths");
        Path charts = dir.resolve("charts");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.execute(new String[] {"T1", "--samples", "2000", "--runs", "2", "--grid", "half-decades",
                "--methods", "sgd,idbd", "--threads", "2", "--json", json.toString(), "--out-dir", paths.toString(), "--charts", charts.toString(), "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
        assertTrue(table.contains("sgd") && table.contains("idbd") && table.contains("grid sgd"), table);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("T1", root.path("task").path("id").asText());
        assertEquals("mse", root.path("task").path("primaryScore").asText());
        assertEquals(2000, root.path("samples").asInt());
        assertEquals(2, root.path("runs").asInt());
        assertEquals(2, root.path("seeds").size());

        JsonNode lms = root.path("methods").get(0);
        assertEquals("sgd", lms.path("name").asText());
        assertTrue(lms.path("grid").asBoolean());
        JsonNode points = lms.path("points");
        assertEquals(11, points.size(), "half decades 1 … 1e-5");
        // the reported best is the minimum of the grid's mean MSE, found here again from the points
        double bestMse = Double.POSITIVE_INFINITY;
        double bestStep = Double.NaN;
        for (JsonNode p : points) {
            JsonNode mean = p.path("scores").path("mse").path("mean");
            if (mean.isNumber() && mean.asDouble() < bestMse) {
                bestMse = mean.asDouble();
                bestStep = p.path("stepSize").asDouble();
            }
        }
        assertEquals(bestStep, lms.path("bestStepSize").asDouble(), 0, "best step in hindsight");
        assertEquals(bestMse, lms.path("scores").path("mse").path("mean").asDouble(), 0);
        // a real U-shaped curve: α = 1 diverges in both runs, α = 1e-5 barely learns (MSE near E[y²] = 5)
        assertEquals(2, points.get(0).path("divergedRuns").asInt(), "α = 1 must diverge: " + points.get(0).path("scores"));
        double smallest = points.get(10).path("scores").path("mse").path("mean").asDouble();
        assertTrue(smallest > 4.5, "α = 1e-5 should stay near MSE 5, got " + smallest);
        assertTrue(bestMse < 4.2 && bestStep > 1e-5 && bestStep < 1, "an interior minimum: MSE " + bestMse + " at α " + bestStep);
        assertEquals(0.0, lms.path("pairedToBestFixed").path("mean").asDouble(), 0, "the best fixed step against itself");

        JsonNode idbd = root.path("methods").get(1);
        JsonNode paired = idbd.path("pairedToBestFixed");
        assertTrue(paired.path("mean").isNumber() && paired.path("standardError").isNumber(), "paired difference: " + paired);
        double idbdMse = idbd.path("scores").path("mse").path("mean").asDouble();
        assertEquals(idbdMse - bestMse, paired.path("mean").asDouble(), 1e-9, "paired mean = difference of means (same runs)");
        JsonNode runs = idbd.path("points").get(0).path("runs");
        for (int r = 0; r < 2; r++) {
            JsonNode lmsRun = lms.path("points").get(5).path("runs").get(r);
            assertEquals(lmsRun.path("streamDigest").asText(), runs.get(r).path("streamDigest").asText(),
                    "run " + r + ": IDBD and LMS saw the same stream");
            assertNotNull(runs.get(r).path("finalStepSizes").path("groupEffectiveSteps").get("relevant"));
            // the MSE-over-time series: 100 windows of 20 samples whose mean is the whole stream's MSE
            JsonNode windows = runs.get(r).path("series").path("windowMse");
            assertEquals(100, windows.size(), "windows of 2,000 / 100 samples");
            double sum = 0;
            for (JsonNode w : windows) {
                sum += w.asDouble();
            }
            assertEquals(runs.get(r).path("scores").path("mseWholeStream").asDouble(), sum / 100, 1e-9, "mean of the window MSEs");
        }
        assertTrue(Files.list(paths).anyMatch(p -> p.getFileName().toString().startsWith("T1-idbd")), "α path CSV for IDBD");
        assertTrue(Files.exists(charts.resolve("T1-mse.png")), "MSE chart in " + charts);
        assertTrue(Files.exists(charts.resolve("T1-alpha-idbd.png")), "IDBD's α chart in " + charts + ": " + Files.list(charts).toList());
    }

    /** A tiny T2: the table carries the three T2 scores for a fixed, a classic and a MetaOptimize method, the JSON the per-segment values. */
    @Test
    void tinyT2ReportsItsThreeScores() throws Exception {
        Path json = dir.resolve("t2.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.execute(new String[] {"T2", "--samples", "3000", "--runs", "1",
                "--methods", "sgd(lr=0.5),idbd,metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9)", "--json", json.toString(), "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
        assertTrue(table.startsWith("T2  level tracking"), table);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("mse", root.path("task").path("primaryScore").asText());
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode m : root.path("methods")) {
            names.add(m.path("name").asText());
            for (String score : new String[] {"mse", "meanExcessRatio", "meanAbsLogAlphaRatio"}) {
                JsonNode mean = m.path("scores").path(score).path("mean");
                assertTrue(mean.isNumber() && mean.asDouble() > 0, m.path("name").asText() + " " + score + ": " + m.path("scores"));
            }
            JsonNode series = m.path("points").get(0).path("runs").get(0).path("series");
            assertEquals(1, series.path("segmentExcessRatio").size(), "one segment, scored from sample 2,500: " + series);
            assertEquals(1, series.path("segmentSigma").size());
        }
        assertEquals(java.util.List.of("sgd(lr=0.5)", "idbd", "metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9)"), names);
        for (String score : new String[] {"meanExcessRatio", "meanAbsLogAlphaRatio"}) {
            assertTrue(table.contains(score), "the table shows " + score + ": " + table);
        }
    }

    @Test
    void badInputIsAClearErrorWithExitCode2() {
        assertError(new String[] {"T9"}, "unknown task 'T9'");
        assertError(new String[] {"T1", "--methods", "mo:sgd/lion/per-weight/hf"},
                "write metaoptimize(base=sgd,meta=lion,blocks=per-weight,trace=hessian-free)");
        assertError(new String[] {"T1", "--methods", "metaoptimize(blocks=per-weight,trace=full)", "--samples", "10"}, "per-weight");
        assertError(new String[] {"T1", "--grid", "thirds"}, "--grid thirds");
        assertError(new String[] {"T1", "--batch", "0"}, "--batch 0");
    }

    static String assertError(String[] args, String expected) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.execute(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, "exit code for " + String.join(" ", args) + "; stderr: " + message);
        assertTrue(message.contains(expected), "stderr should mention '" + expected + "': " + message);
        assertFalse(message.contains("Exception in thread"), message);
        return message;
    }
}
