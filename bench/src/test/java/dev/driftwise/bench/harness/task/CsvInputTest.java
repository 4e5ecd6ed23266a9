package dev.driftwise.bench.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.BenchCommandErrors;
import dev.driftwise.learner.model.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bring-your-own CSV: mistakes name the file, line, column and value; a good file runs through the command. */
class CsvInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String csv(Path file, String target, String task, String... more) {
        String[] base = {"--csv", file.toString(), "--target", target, "--task", task, "--runs", "1", "--quiet"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return BenchCommandErrors.expectError(args);
    }

    @Test
    void missingFile() {
        String m = csv(dir.resolve("nope.csv"), "y", "regression");
        assertTrue(m.contains("nope.csv") && m.contains("no such file"), m);
    }

    @Test
    void missingTargetColumnListsTheColumns() throws IOException {
        Path f = write("a.csv", "x1,x2,label\n1,2,0\n");
        String m = csv(f, "y", "binary");
        assertTrue(m.contains("'--target': 'y'") && m.contains("x1, x2, label"), m);
    }

    @Test
    void nonNumericFeatureNamesLineColumnAndValue() throws IOException {
        Path f = write("b.csv", "x1,x2,y\n1,2,3\n4,abc,6\n");
        String m = csv(f, "y", "regression");
        assertTrue(m.contains("b.csv:3:") && m.contains("'x2'") && m.contains("'abc'") && m.contains("must be numeric"), m);
    }

    @Test
    void wrongFieldCount() throws IOException {
        Path f = write("c.csv", "x1,x2,y\n1,2,3\n4,5\n");
        String m = csv(f, "y", "regression");
        assertTrue(m.contains("c.csv:3:") && m.contains("2 cells") && m.contains("header has 3"), m);
    }

    @Test
    void binaryWithThreeClasses() throws IOException {
        Path f = write("d.csv", "x,y\n1,a\n2,b\n3,c\n");
        String m = csv(f, "y", "binary");
        assertTrue(m.contains("3 distinct") && m.contains("[a, b, c]") && m.contains("multiclass"), m);
    }

    @Test
    void nonNumericRegressionTarget() throws IOException {
        Path f = write("e.csv", "x,y\n1,2\n2,high\n");
        String m = csv(f, "y", "regression");
        assertTrue(m.contains("e.csv:3:") && m.contains("'high'") && m.contains("regression target must be numeric"), m);
    }

    @Test
    void moreThanOneRunIsRefusedBecauseAFileIsOneStream() throws IOException {
        Path f = write("f.csv", "x,y\n1,2\n2,3\n");
        String m = BenchCommandErrors.expectError(new String[] {"--csv", f.toString(), "--target", "y", "--task", "regression",
                "--runs", "3"});
        assertTrue(m.contains("--runs 3") && m.contains("--runs 1"), m);
    }

    @Test
    void labelsAreNumberedInSortedOrder() throws IOException {
        Path f = write("g.csv", "x,y\n1,10\n2,9\n3,10\n");
        CsvData data = CsvData.read(f, "y", Task.BINARY);
        assertEquals(List.of("9", "10"), data.classes(), "numeric labels sort as numbers");
        float[] row = new float[1];
        assertEquals(1.0, data.row(0, row), "label 10 is class 1");
        assertEquals(0.0, data.row(1, row), "label 9 is class 0");
    }

    @Test
    void aGoodBinaryCsvRunsThroughTheCommand() throws IOException {
        StringBuilder sb = new StringBuilder("size,colour,label\n");
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 600; i++) {
            double a = random.nextDouble(0, 100);
            double b = random.nextDouble(-1, 1);
            sb.append(a).append(',').append(b).append(',').append(a / 100 + b > 0.5 ? "yes" : "no").append('\n');
        }
        Path f = write("good.csv", sb.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = dev.driftwise.bench.harness.BenchCommand.execute(new String[] {"--csv", f.toString(), "--target", "label",
                "--task", "binary", "--methods", "sgd(lr=0.1),idbd", "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(table.contains("good.csv: 600 rows, 2 features, binary [no, yes]"), table);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sgd\\(lr=0\\.1\\)\\s+lr=0\\.1\\s+(\\d\\.\\d+)").matcher(table);
        assertTrue(m.find(), "a row for sgd(lr=0.1) with its accuracy: " + table);
        assertTrue(Double.parseDouble(m.group(1)) > 0.8, "a separable problem, standardised online, is learned: " + table);
    }
}
