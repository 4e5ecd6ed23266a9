package dev.driftwise.bench.harness.task;

import dev.driftwise.learner.model.Task;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.replay.CsvFormatException;
import dev.driftwise.streams.replay.CsvReplay;
import dev.driftwise.streams.replay.CsvReplayStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A user's CSV file held in memory, so that every method and grid point replays the same rows
 * without reading the file again. The file is read by streams-gen's {@link CsvReplay} (RFC 4180
 * cells, a header line, every column except the target a numeric feature, blank lines skipped).
 * Classification targets may be any labels: they are numbered in sorted order (numerically when all
 * are numbers), so "0"/"1" stay 0/1. Every mistake is an {@link IllegalArgumentException} naming the
 * file, the line, the column, the value and the fix.
 */
public final class CsvData {

    private final List<String> featureNames;
    private final float[] features;
    private final double[] targets;
    private final List<String> classes;

    private CsvData(List<String> featureNames, float[] features, double[] targets, List<String> classes) {
        this.featureNames = featureNames;
        this.features = features;
        this.targets = targets;
        this.classes = classes;
    }

    /** Reads {@code file}; {@code kind} is the task (regression, binary or multiclass). */
    public static CsvData read(Path file, String targetColumn, Task kind) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--csv " + file + ": no such file");
        }
        CsvData data;
        try {
            CsvReplay replay = CsvReplay.validate(file, targetColumn, file.getFileName().toString(), List.of(),
                    kind == Task.REGRESSION ? CsvReplay.Target.NUMBER : CsvReplay.Target.LABEL);
            data = load(replay);
        } catch (CsvFormatException e) {
            throw new IllegalArgumentException("--csv " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--csv " + file + ": cannot read it as UTF-8 text: " + e.getMessage(), e);
        }
        int k = data.classes.size();
        if (kind == Task.BINARY && k != 2) {
            throw new IllegalArgumentException("--task binary: target column '" + targetColumn + "' of " + file + " has "
                    + k + " distinct value(s) " + preview(data.classes) + "; binary needs exactly 2 (use --task multiclass)");
        }
        if (kind == Task.MULTICLASS && k < 2) {
            throw new IllegalArgumentException("--task multiclass: target column '" + targetColumn + "' of " + file
                    + " has only the value " + preview(data.classes) + "; a classifier needs at least 2 classes");
        }
        return data;
    }

    private static CsvData load(CsvReplay replay) throws IOException {
        int d = replay.featureCount();
        if (replay.rows() * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--csv " + replay.file() + ": " + replay.rows() + " rows × " + d
                    + " features do not fit in one array; use the first rows only (head -n) or fewer columns");
        }
        int n = (int) replay.rows();
        float[] x = new float[n * d];
        double[] y = new double[n];
        GeneratedSample sample = new GeneratedSample(d);
        try (CsvReplayStream stream = replay.open()) {
            for (int row = 0; row < n; row++) {
                stream.next(sample);
                System.arraycopy(sample.features, 0, x, row * d, d);
                y[row] = sample.target;
            }
        }
        return new CsvData(List.copyOf(replay.featureNames()), x, y, replay.classes());
    }

    private static String preview(List<String> classes) {
        return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + "…";
    }

    public int rows() {
        return targets.length;
    }

    public int featureCount() {
        return featureNames.size();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** Class labels in index order (empty for regression). */
    public List<String> classes() {
        return classes;
    }

    /** Copies row {@code row}'s features into {@code into}; returns its target. */
    double row(int row, float[] into) {
        System.arraycopy(features, row * featureNames.size(), into, 0, featureNames.size());
        return targets[row];
    }
}
