package dev.driftwise.dashboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesTableTest {

    @Test
    void keepsEveryRowBelowCapacityWithNaNForMissingValues() {
        SeriesTable t = new SeriesTable(8);
        t.add(10, Map.of("a", 1.0));
        t.add(20, Map.of("a", 2.0, "b", 0.5)); // column b appears later
        t.add(30, Map.of("b", 0.25));
        assertEquals(3, t.size());
        assertEquals(java.util.List.of("a", "b"), t.columns());
        assertEquals(20.0, t.x(1));
        assertEquals(2.0, t.value("a", 1));
        assertTrue(Double.isNaN(t.value("b", 0)), "b before it appeared: " + t.value("b", 0));
        assertTrue(Double.isNaN(t.value("a", 2)), "a missing in row 2: " + t.value("a", 2));
        assertTrue(Double.isNaN(t.value("nope", 0)));
    }

    @Test
    void capsRowsAndStillSpansTheWholeHistoryEvenly() {
        SeriesTable t = new SeriesTable(100);
        for (int i = 0; i < 10_000; i++) {
            t.add(i, Map.of("y", 2.0 * i));
        }
        assertTrue(t.size() <= 100 && t.size() >= 50, "rows kept: " + t.size() + ", expected 50..100");
        assertEquals(0.0, t.x(0), "the first point stays");
        long stride = t.stride();
        assertEquals(128, stride, "stride after thinning 10,000 rows into 100");
        for (int i = 1; i < t.size(); i++) {
            assertEquals(stride, t.x(i) - t.x(i - 1), 1e-9, "even spacing at row " + i);
            assertEquals(2.0 * t.x(i), t.value("y", i), "values stay with their x at row " + i);
        }
        assertTrue(t.x(t.size() - 1) > 10_000 - stride - 1, "the newest kept point " + t.x(t.size() - 1)
                + " is within one stride (" + stride + ") of the newest offered (9999)");
    }

    @Test
    void aRowAtAnEarlierXReplacesTheRowsFromThere() {
        SeriesTable t = new SeriesTable(50);
        for (int i = 0; i < 10; i++) {
            t.add(i * 100, Map.of("y", 1.0));
        }
        assertTrue(t.add(500, Map.of("y", 7.0)), "a rewound row is always kept");
        assertEquals(6, t.size(), "rows 0..400 stay, 500 is replaced");
        assertEquals(500.0, t.x(5));
        assertEquals(7.0, t.value("y", 5));
        t.add(0, Map.of("y", 3.0)); // a job restarted from scratch
        assertEquals(1, t.size());
    }

    @Test
    void thinnedRowsReportFalse() {
        SeriesTable t = new SeriesTable(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(t.add(i, Map.of()));
        }
        assertTrue(t.add(4, Map.of()), "the row that triggers halving is kept");
        assertFalse(t.add(5, Map.of()), "with stride 2 the odd row is dropped");
    }

    @Test
    void rejectsACapacityBelowTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SeriesTable(1));
        assertTrue(e.getMessage().contains("capacity 1"), e.getMessage());
    }
}
