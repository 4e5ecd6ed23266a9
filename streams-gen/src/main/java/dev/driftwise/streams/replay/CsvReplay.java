package dev.driftwise.streams.replay;

import dev.driftwise.streams.GeneratedSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A user's CSV file to replay as one stream: a header row, one target column, and every other
 * (not ignored) column a numeric feature. {@link #validate} reads the whole file once and stops at
 * the first bad cell (missing, not a number, not finite) or ragged row, so nothing is sent from a
 * file that would fail half-way; {@link #open} then streams it a second time without holding it in
 * memory. Blank lines are skipped. Cells follow RFC 4180 ({@link CsvCells}: quoted cells with commas
 * and doubled quotes; LF or CRLF line ends). The target holds numbers ({@link Target#NUMBER}:
 * regression) or class labels ({@link Target#LABEL}: any text, numbered in sorted order, see
 * {@link #classes()}). This is the one CSV reader of the code base: {@code gen --replay} and
 * {@code bench --csv} both read through it.
 */
public final class CsvReplay {

    /** What the target column holds. */
    public enum Target {
        /** A number per row: a regression target. */
        NUMBER,
        /** A class label per row, any text: a classification target, numbered 0 … k−1 in sorted order. */
        LABEL
    }

    /** Cells that mean "no value" in common exports; reported as missing, not as "not a number". */
    private static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "nan", "null", "none", "?");

    private final Path file;
    private final String streamId;
    private final List<String> header;
    private final int targetColumn;
    private final int[] featureColumns;
    private final long rows;
    private final ClassLabels classes; // null for a numeric target

    private CsvReplay(Path file, String streamId, List<String> header, int targetColumn, int[] featureColumns, long rows,
                      ClassLabels classes) {
        this.file = file;
        this.streamId = streamId;
        this.header = header;
        this.targetColumn = targetColumn;
        this.featureColumns = featureColumns;
        this.rows = rows;
        this.classes = classes;
    }

    /** {@link #validate(Path, String, String, Collection, Target)} of a numeric (regression) target. */
    public static CsvReplay validate(Path file, String target, String streamId, Collection<String> ignored) throws IOException {
        return validate(file, target, streamId, ignored, Target.NUMBER);
    }

    /**
     * Reads and checks the whole file.
     *
     * @throws UnknownColumnException the target or an ignored column is not in the header
     * @throws CsvFormatException     a header or data problem, with file, line and column
     */
    public static CsvReplay validate(Path file, String target, String streamId, Collection<String> ignored, Target kind)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new CsvFormatException(file, 1, "the file is empty; expected a header row naming the columns");
            }
            List<String> header = cells(file, 1, first.startsWith("\uFEFF") ? first.substring(1) : first);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                header.set(i, name);
                if (name.isEmpty()) {
                    throw new CsvFormatException(file, 1, "column " + (i + 1) + " of the header has no name");
                }
                if (!seen.add(name)) {
                    throw new CsvFormatException(file, 1, "column name '" + name + "' appears twice in the header");
                }
            }
            Set<String> skip = new LinkedHashSet<>(ignored);
            for (String name : skip) {
                if (!header.contains(name)) {
                    throw new UnknownColumnException("--ignore-column", name, file, header);
                }
            }
            int targetColumn = header.indexOf(target);
            if (targetColumn < 0) {
                throw new UnknownColumnException("--target", target, file, header);
            }
            if (skip.contains(target)) {
                throw new IllegalArgumentException("column '" + target + "' is both --target and --ignore-column; keep one");
            }
            int[] features = new int[header.size() - 1 - skip.size()];
            int f = 0;
            for (int i = 0; i < header.size(); i++) {
                if (i != targetColumn && !skip.contains(header.get(i))) {
                    features[f++] = i;
                }
            }
            if (features.length == 0) {
                throw new CsvFormatException(file, 1, skip.isEmpty()
                        ? "no feature columns: the header names only the target '" + target + "'; at least one feature column is needed"
                        : "no feature columns: every column other than the target '" + target + "' is ignored");
            }
            CsvReplay layout = new CsvReplay(file, streamId, List.copyOf(header), targetColumn, features, 0, null);
            GeneratedSample scratch = new GeneratedSample(features.length);
            Set<String> labels = new HashSet<>();
            long line = 1;
            long rows = 0;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    List<String> cells = layout.row(text, line);
                    layout.features(cells, line, scratch);
                    if (kind == Target.LABEL) {
                        labels.add(layout.label(cells, line));
                    } else {
                        layout.number(cells, targetColumn, line);
                    }
                    rows++;
                }
            }
            if (rows == 0) {
                throw new CsvFormatException(file, line, "no data rows after the header");
            }
            return new CsvReplay(file, streamId, layout.header, targetColumn, features, rows,
                    kind == Target.LABEL ? new ClassLabels(labels) : null);
        }
    }

    /** Parses one data line into {@code into}'s features and target, or throws naming the cell. */
    void parse(String text, long line, GeneratedSample into) {
        List<String> cells = row(text, line);
        features(cells, line, into);
        into.target = classes == null ? number(cells, targetColumn, line) : classIndex(cells, line);
    }

    private List<String> row(String text, long line) {
        List<String> cells = cells(file, line, text);
        if (cells.size() != header.size()) {
            throw new CsvFormatException(file, line, "row has " + cells.size() + " cells but the header has "
                    + header.size() + " columns (ragged row); every row needs one cell per column");
        }
        return cells;
    }

    private void features(List<String> cells, long line, GeneratedSample into) {
        for (int f = 0; f < featureColumns.length; f++) {
            String cell = cells.get(featureColumns[f]).strip();
            float value;
            try {
                value = Float.parseFloat(cell); // rounds once (float of a parsed double could round twice)
            } catch (NumberFormatException e) {
                value = Float.NaN; // number() below says why
            }
            if (!Float.isFinite(value) || cell.isEmpty() || !startsNumeric(cell)) {
                // the slow path only for a cell that is not plainly a finite float: the same checks and messages
                double v = number(cells, featureColumns[f], line);
                if (Math.abs(v) > Float.MAX_VALUE) {
                    throw new CsvFormatException(file, line, cellName(featureColumns[f]) + ": '" + cell
                            + "' is outside the float range of a feature (±3.4e38)");
                }
            }
            into.features[f] = value;
        }
    }

    /** The target cell as a class label: its text, stripped; missing markers are missing values. */
    private String label(List<String> cells, long line) {
        String cell = cells.get(targetColumn).strip();
        checkPresent(cell, targetColumn, line);
        return cell;
    }

    private int classIndex(List<String> cells, long line) {
        String label = label(cells, line);
        int k = classes.indexOf(label);
        if (k < 0) {
            throw new CsvFormatException(file, line, cellName(targetColumn) + ": label '" + label
                    + "' was not in the file when it was checked; was it changed meanwhile?");
        }
        return k;
    }

    private void checkPresent(String cell, int column, long line) {
        if (MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new CsvFormatException(file, line, cellName(column) + ": missing value"
                    + (cell.isEmpty() ? "" : " ('" + cell + "')") + "; fill or drop the row before replaying");
        }
    }

    /**
     * Whether a cell Java parsed as a number reads as one to a person too: a digit, sign or point first (Java also takes
     * "NaN", "Infinity" and a trailing "f" or "d", which number() refuses or flags).
     */
    private static boolean startsNumeric(String cell) {
        char c = cell.charAt(0);
        char last = cell.charAt(cell.length() - 1);
        return (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') && (last >= '0' && last <= '9' || last == '.');
    }

    private double number(List<String> cells, int column, long line) {
        String cell = cells.get(column).strip();
        checkPresent(cell, column, line);
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(file, line, cellName(column) + ": '" + cell + "' is not a number; "
                    + (column == targetColumn ? "a regression target must be numeric (class labels need a classification task)"
                    : "every feature column must be numeric (encode categories as numbers, or leave the column out)"));
        }
        if (!Double.isFinite(v)) {
            throw new CsvFormatException(file, line, cellName(column) + ": '" + cell + "' is not a finite number");
        }
        return v;
    }

    private String cellName(int column) {
        return "column '" + header.get(column) + "' (" + (column + 1) + ")";
    }

    private static List<String> cells(Path file, long line, String text) {
        String[] error = new String[1];
        List<String> cells = CsvCells.split(text, error);
        if (cells == null) {
            throw new CsvFormatException(file, line, error[0]);
        }
        return cells;
    }

    /** A stream over the validated rows; close it when done. */
    public CsvReplayStream open() throws IOException {
        return new CsvReplayStream(this, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    public Path file() {
        return file;
    }

    public String streamId() {
        return streamId;
    }

    /** Number of data rows (blank lines not counted). */
    public long rows() {
        return rows;
    }

    public int featureCount() {
        return featureColumns.length;
    }

    /** The class labels in class-index order ({@link Target#LABEL}); empty for a numeric target. */
    public List<String> classes() {
        return classes == null ? List.of() : classes.labels();
    }

    /** "regression" for a numeric target; "binary" for two labels, else "multiclass:k". */
    public String targetKind() {
        if (classes == null) {
            return "regression";
        }
        int k = classes.labels().size();
        return k == 2 ? "binary" : "multiclass:" + k;
    }

    /** Feature names in the order they appear in each sample's feature vector. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int c : featureColumns) {
            names.add(header.get(c));
        }
        return names;
    }
}
