package dev.driftwise.bench.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.bench.harness.BenchCommand;
import dev.driftwise.bench.harness.BenchCommandErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --csv} with {@code --model}, {@code --standardize} and {@code --score-from}: each does what it says, and a bad value says why. */
class CsvFlagsTest {

    @TempDir
    Path dir;

    /** y = 3·a − 0.1·b + N(0, 0.1²) with a in [0, 1) and b in [0, 30): b's raw scale breaks plain SGD at α = 0.01. */
    private Path regression(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < rows; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble(0, 30);
            sb.append(a).append(',').append(b).append(',').append(3 * a - 0.1 * b + 0.1 * r.nextGaussian()).append('\n');
        }
        return write("reg.csv", sb.toString());
    }

    /** Two labels with a comma inside quotes, CRLF line ends (RFC 4180), separable by x1 + x2 > 0. */
    private Path labelled(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2,answer\r\n");
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < rows; i++) {
            double x1 = r.nextDouble(-1, 1);
            double x2 = r.nextDouble(-1, 1);
            sb.append(x1).append(',').append(x2).append(',').append(x1 + x2 > 0 ? "\"yes, sure\"" : "no").append("\r\n");
        }
        return write("labels.csv", sb.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private record Outcome(String table, JsonNode json) {
        double score(String name) {
            return json.path("methods").get(0).path("scores").path(name).path("mean").asDouble(Double.NaN);
        }

        JsonNode run() {
            return json.path("methods").get(0).path("points").get(0).path("runs").get(0);
        }
    }

    private Outcome bench(Path csv, String... flags) throws IOException {
        Path json = dir.resolve("out-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--quiet", "--json", json.toString()));
        args.addAll(List.of(flags));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return new Outcome(out.toString(StandardCharsets.UTF_8), new ObjectMapper().readTree(json.toFile()));
    }

    private String error(Path csv, String... flags) {
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--quiet"));
        args.addAll(List.of(flags));
        return BenchCommandErrors.expectError(args.toArray(String[]::new));
    }

    @Test
    void modelTakesTheJobsShortFormsAndJson() throws IOException {
        Path csv = labelled(400);
        Outcome mlp = bench(csv, "--target", "answer", "--task", "binary", "--model", "mlp:2-8-1", "--methods", "adam(lr=0.01)");
        assertTrue(mlp.table().contains("labels.csv: 400 rows, 2 features, binary [no, yes, sure]; model mlp:2-8-1"), mlp.table());
        assertTrue(mlp.json().path("task").path("model").asText().contains("\"task\":\"binary\",\"inputs\":2,\"hidden\":[8]"),
                "an MLP with one output under --task binary is a binary MLP: " + mlp.json().path("task").path("model"));
        assertTrue(mlp.score("accuracy") > 0.85, "a separable problem is learned by the MLP: " + mlp.table());

        Outcome json = bench(csv, "--target", "answer", "--methods", "sgd(lr=0.1)",
                "--model", "{\"model\":\"logistic\",\"inputs\":2,\"bias\":false}");
        assertTrue(json.table().contains("binary [no, yes, sure]"), "the JSON model's task stands in for --task: " + json.table());
        assertTrue(json.json().path("task").path("model").asText().contains("\"bias\":false"), json.json().path("task").toString());
    }

    @Test
    void aModelThatDoesNotFitTheFileSaysHowToFixIt() throws IOException {
        Path csv = labelled(20);
        String m = error(csv, "--target", "answer", "--task", "binary", "--model", "logistic:5");
        assertTrue(m.contains("--model logistic:5: the model takes 5 inputs, but labels.csv has 2 feature columns (x1, x2")
                && m.contains("use --model logistic:2"), m);
        m = error(csv, "--target", "answer", "--model", "{\"model\":\"logistic\",\"inputs\":3}");
        assertTrue(m.contains("takes 3 inputs") && m.contains("set \"inputs\":2 in the JSON spec"), m);
        m = error(csv, "--target", "answer", "--task", "regression", "--model", "logistic:2");
        assertTrue(m.contains("predicts a binary target, but --task is regression") && m.contains("linear:<d>"), m);
        m = error(csv, "--target", "answer", "--task", "multiclass", "--model", "softmax:2:3");
        assertTrue(m.contains("the model has 3 classes") && m.contains("2 labels ['no', 'yes, sure']; give the model 2 outputs"), m);
        m = error(csv, "--target", "answer", "--model", "banana:2");
        assertTrue(m.contains("--model banana:2: model spec 'banana:2' is unknown") && m.contains("linear:<d>"), m);
        m = error(csv, "--target", "answer", "--model", "linear:x");
        assertTrue(m.contains("--model linear:x: ") && m.contains("'x' is not a positive whole number"), m);
        m = error(csv, "--target", "answer", "--model", "{\"model\":\"linear\"}");
        assertTrue(m.contains("--model {\"model\":\"linear\"}: model spec field 'inputs' is missing"), m);
        m = error(csv, "--target", "answer");
        assertTrue(m.contains("--task") && m.contains("--model"), "neither --task nor --model: " + m);
    }

    /** Plain SGD at α = 0.01 learns the 30-scale column when it is standardised and diverges on it raw (α·E[b²] = 3 > 2). */
    @Test
    void standardizeTrueIsTheDefaultAndFalseFeedsTheRawColumns() throws IOException {
        Path csv = regression(600);
        String[] common = {"--target", "y", "--task", "regression", "--methods", "sgd(lr=0.01)"};
        Outcome byDefault = bench(csv, common);
        assertTrue(byDefault.table().contains("features standardised online"), byDefault.table());
        assertTrue(byDefault.json().path("task").path("model").asText().contains("\"standardize\":true"));
        assertTrue(byDefault.score("mse") < 1, "standardised, SGD learns y: MSE " + byDefault.score("mse"));

        List<String> raw = new ArrayList<>(List.of(common));
        raw.addAll(List.of("--standardize", "false"));
        Outcome rawRun = bench(csv, raw.toArray(String[]::new));
        assertTrue(rawRun.table().contains("raw features"), rawRun.table());
        assertTrue(rawRun.json().path("task").path("model").asText().contains("\"standardize\":false"));
        assertTrue(rawRun.run().has("divergedAtSample"), "raw b ~ 15 makes α = 0.01 diverge: " + rawRun.run().path("scores"));

        String m = error(csv, "--target", "y", "--task", "regression", "--standardize", "yes");
        assertTrue(m.contains("--standardize") && m.contains("yes"), m);
    }

    /** --score-from 500 of 1,000: the MSE is the mean of the last 50 of the 100 ten-sample windows. */
    @Test
    void scoreFromCountsTheSamplesFromThatIndexOn() throws IOException {
        Path csv = regression(1000);
        Outcome o = bench(csv, "--target", "y", "--task", "regression", "--methods", "sgd(lr=0.01)", "--score-from", "500");
        assertTrue(o.table().contains("scored from sample 500"), o.table());
        JsonNode windows = o.run().path("series").path("windowMse");
        assertEquals(100, windows.size());
        double tail = 0;
        double all = 0;
        for (int k = 0; k < 100; k++) {
            all += windows.get(k).asDouble() / 100;
            tail += k >= 50 ? windows.get(k).asDouble() / 50 : 0;
        }
        assertEquals(tail, o.run().path("scores").path("mse").asDouble(), 1e-9, "MSE over samples 500-999");
        assertEquals(all, o.run().path("scores").path("mseWholeStream").asDouble(), 1e-9, "the whole stream beside it");
        assertTrue(o.run().path("scores").path("mse").asDouble() < all, "the start-up is left out: " + o.run().path("scores"));

        Outcome acc = bench(labelled(300), "--target", "answer", "--task", "binary", "--methods", "sgd(lr=0.5)",
                "--score-from", "100");
        assertTrue(acc.run().path("scores").has("accuracyWholeStream"), acc.run().path("scores").toString());

        assertTrue(error(csv, "--target", "y", "--task", "regression", "--score-from", "1000")
                .contains("--score-from 1000: the run has only 1000 samples"));
        assertTrue(error(csv, "--target", "y", "--task", "regression", "--score-from", "-1").contains("--score-from -1: must be"));
        assertTrue(error(csv, "--target", "y", "--task", "regression", "--score-from", "ten").contains("--score-from"));
        String m = BenchCommandErrors.expectError(new String[] {"T1", "--score-from", "10"});
        assertTrue(m.contains("go with --csv"), m);
        assertFalse(m.contains("Exception"), m);
    }
}
