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
 * memory. Blank lines are skipped.
 */
public final class CsvReplay {

    /** Cells that mean "no value" in common exports; reported as missing, not as "not a number". */
    private static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "nan", "null", "none", "?");

    private final Path file;
    private final String streamId;
    private final List<String> header;
    private final int targetColumn;
    private final int[] featureColumns;
    private final long rows;

    private CsvReplay(Path file, String streamId, List<String> header, int targetColumn, int[] featureColumns, long rows) {
        this.file = file;
        this.streamId = streamId;
        this.header = header;
        this.targetColumn = targetColumn;
        this.featureColumns = featureColumns;
        this.rows = rows;
    }

    /**
     * Reads and checks the whole file.
     *
     * @throws UnknownColumnException the target or an ignored column is not in the header
     * @throws CsvFormatException     a header or data problem, with file, line and column
     */
    public static CsvReplay validate(Path file, String target, String streamId, Collection<String> ignored) throws IOException {
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
                throw new CsvFormatException(file, 1, "no feature columns: every column other than the target '" + target + "' is ignored");
            }
            CsvReplay layout = new CsvReplay(file, streamId, List.copyOf(header), targetColumn, features, 0);
            GeneratedSample scratch = new GeneratedSample(features.length);
            long line = 1;
            long rows = 0;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    layout.parse(text, line, scratch);
                    rows++;
                }
            }
            if (rows == 0) {
                throw new CsvFormatException(file, line, "no data rows after the header");
            }
            return new CsvReplay(file, streamId, layout.header, targetColumn, features, rows);
        }
    }

    /** Parses one data line into {@code into}'s features and target, or throws naming the cell. */
    void parse(String text, long line, GeneratedSample into) {
        List<String> cells = cells(file, line, text);
        if (cells.size() != header.size()) {
            throw new CsvFormatException(file, line, "row has " + cells.size() + " cells but the header has "
                    + header.size() + " columns (ragged row)");
        }
        for (int f = 0; f < featureColumns.length; f++) {
            double v = number(cells, featureColumns[f], line);
            if (Math.abs(v) > Float.MAX_VALUE) {
                throw new CsvFormatException(file, line, cellName(featureColumns[f]) + ": '" + cells.get(featureColumns[f]).strip()
                        + "' is outside the float range of a feature (±3.4e38)");
            }
            // parsed again as float: Float.parseFloat rounds once, (float) of a double could round twice
            into.features[f] = Float.parseFloat(cells.get(featureColumns[f]).strip());
        }
        into.target = number(cells, targetColumn, line);
    }

    private double number(List<String> cells, int column, long line) {
        String cell = cells.get(column).strip();
        if (MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new CsvFormatException(file, line, cellName(column) + ": missing value"
                    + (cell.isEmpty() ? "" : " ('" + cell + "')") + "; fill or drop the row before replaying");
        }
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(file, line, cellName(column) + ": '" + cell + "' is not a number");
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
        return new ArrayList<>(cells);
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

    /** Feature names in the order they appear in each sample's feature vector. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int c : featureColumns) {
            names.add(header.get(c));
        }
        return names;
    }
}
