package dev.driftwise.dashboard.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rows of (x, one value per named column) in increasing x, never more than {@code capacity} rows.
 * When full, every second row is dropped and from then on only every second offered row is kept
 * (the stride doubles each time): the table always spans the whole history at an even, coarser
 * resolution, in bounded memory. A row whose x is not above the last one (a job that restarted from
 * an earlier point) replaces the rows from that x on. Missing values and columns that appear later
 * are NaN. Not thread-safe: the store guards it.
 */
public final class SeriesTable {

    private final int capacity;
    private final List<String> columns = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private double[] x;
    private int size;
    private long stride = 1;
    private long offered;

    public SeriesTable(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity " + capacity + ": a series needs room for at least 2 points");
        }
        this.capacity = capacity;
        this.x = new double[capacity];
    }

    /** Offers one row; returns whether it was kept (false: thinned out by the current stride). */
    public boolean add(double xValue, Map<String, Double> row) {
        boolean rewind = size > 0 && xValue <= x[size - 1];
        if (rewind) {
            while (size > 0 && x[size - 1] >= xValue) {
                size--;
            }
        } else if (offered++ % stride != 0) {
            return false;
        }
        if (size == capacity) {
            halve();
        }
        for (String name : row.keySet()) {
            column(name);
        }
        x[size] = xValue;
        for (int c = 0; c < columns.size(); c++) {
            Double v = row.get(columns.get(c));
            values.get(c)[size] = v == null ? Double.NaN : v;
        }
        size++;
        return true;
    }

    private void halve() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            x[kept] = x[i];
            for (double[] col : values) {
                col[kept] = col[i];
            }
            kept++;
        }
        size = kept;
        stride *= 2;
    }

    private void column(String name) {
        if (!columns.contains(name)) {
            columns.add(name);
            double[] col = new double[capacity];
            Arrays.fill(col, Double.NaN);
            values.add(col);
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** How many offered rows one kept row stands for now (1 until the table first filled). */
    public long stride() {
        return stride;
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    public double x(int i) {
        return x[i];
    }

    /** The value of {@code column} in row {@code i}; NaN when the row has none. */
    public double value(String column, int i) {
        int c = columns.indexOf(column);
        return c < 0 ? Double.NaN : values.get(c)[i];
    }
}
