package dev.driftwise.bench.harness.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A user's CSV file read into memory: a header line of column names, then one sample per line, in
 * file order. Every column except the target is a numeric feature. Classification targets may be
 * any labels: they are numbered in sorted order (numerically when all are numbers), so "0"/"1" stay 0/1.
 * Every mistake is an {@link IllegalArgumentException} naming the file, the line, the column and the value.
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
        List<String> lines;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = in.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("--csv " + file + ": cannot read it as UTF-8 text: " + e.getMessage(), e);
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException("--csv " + file + ": needs a header line and at least one sample line, found "
                    + lines.size() + " non-blank line(s)");
        }
        String[] header = split(lines.get(0));
        int target = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(targetColumn)) {
                target = i;
            }
        }
        if (target < 0) {
            throw new IllegalArgumentException("--target " + targetColumn + ": no such column in " + file
                    + "; its columns: " + String.join(", ", header));
        }
        if (header.length < 2) {
            throw new IllegalArgumentException("--csv " + file + ": only the target column '" + targetColumn
                    + "'; at least one feature column is needed");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (i != target) {
                names.add(header[i]);
            }
        }
        int d = header.length - 1;
        int n = lines.size() - 1;
        float[] x = new float[n * d];
        String[] labels = new String[n];
        for (int row = 0; row < n; row++) {
            int lineNo = row + 2;
            String[] cells = split(lines.get(row + 1));
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": " + cells.length + " fields, the header has "
                        + header.length + "; every line needs one value per column");
            }
            int j = 0;
            for (int i = 0; i < cells.length; i++) {
                if (i == target) {
                    labels[row] = cells[i];
                    continue;
                }
                float v = parseFloat(cells[i]);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ", column '" + header[i] + "': \"" + cells[i]
                            + "\" is not a finite number; features must be numeric (encode categories as numbers first)");
                }
                x[row * d + j++] = v;
            }
        }
        double[] y = new double[n];
        List<String> classes = List.of();
        if (kind == Task.REGRESSION) {
            for (int row = 0; row < n; row++) {
                double v = parseDouble(labels[row]);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(file + " line " + (row + 2) + ", target column '" + targetColumn + "': \""
                            + labels[row] + "\" is not a finite number; a regression target must be numeric");
                }
                y[row] = v;
            }
        } else {
            classes = classIndex(labels, y);
            if (kind == Task.BINARY && classes.size() != 2) {
                throw new IllegalArgumentException("--task binary: target column '" + targetColumn + "' of " + file + " has "
                        + classes.size() + " distinct value(s) " + preview(classes) + "; binary needs exactly 2 (use --task multiclass)");
            }
            if (kind == Task.MULTICLASS && classes.size() < 2) {
                throw new IllegalArgumentException("--task multiclass: target column '" + targetColumn + "' of " + file
                        + " has only the value " + preview(classes) + "; a classifier needs at least 2 classes");
            }
        }
        return new CsvData(List.copyOf(names), x, y, classes);
    }

    /** The CSV's task, as --task names it. */
    public enum Task { REGRESSION, BINARY, MULTICLASS }

    private static List<String> classIndex(String[] labels, double[] y) {
        boolean numeric = true;
        for (String l : labels) {
            numeric &= Double.isFinite(parseDouble(l));
        }
        TreeMap<String, Integer> index = numeric
                ? new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                : new TreeMap<>();
        for (String l : labels) {
            index.put(l, 0);
        }
        int k = 0;
        for (var e : index.entrySet()) {
            e.setValue(k++);
        }
        for (int i = 0; i < labels.length; i++) {
            y[i] = index.get(labels[i]);
        }
        return List.copyOf(index.keySet());
    }

    private static String preview(List<String> classes) {
        return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + "…";
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            cells[i] = c;
        }
        return cells;
    }

    private static float parseFloat(String s) {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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
