package dev.driftwise.streams.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, text);
        return f;
    }

    private CsvFormatException badData(String text) throws IOException {
        Path f = csv(text);
        return assertThrows(CsvFormatException.class, () -> CsvReplay.validate(f, "y", "data", List.of()));
    }

    private static void assertMessage(String expected, Exception e) {
        assertEquals(expected, e.getMessage().replace(e instanceof CsvFormatException c ? c.file().toString() : "", "FILE"));
    }

    @Test
    void aMissingValueNamesFileLineAndColumn() throws IOException {
        CsvFormatException e = badData("a,b,y\n1,2,3\n4,,6\n");
        assertMessage("FILE:3: column 'b' (2): missing value; fill or drop the row before replaying", e);
        assertEquals(3, e.line());
    }

    @Test
    void aMissingMarkerIsAMissingValueToo() throws IOException {
        assertMessage("FILE:2: column 'y' (3): missing value ('NA'); fill or drop the row before replaying", badData("a,b,y\n1,2,NA\n"));
    }

    @Test
    void aNonNumericCellNamesFileLineColumnAndValue() throws IOException {
        assertMessage("FILE:4: column 'a' (1): 'abc' is not a number; every feature column must be numeric"
                + " (encode categories as numbers, or leave the column out)", badData("a,b,y\n1,2,3\n4,5,6\nabc,8,9\n"));
        assertMessage("FILE:3: column 'y' (3): 'high' is not a number; a regression target must be numeric"
                + " (class labels need a classification task)", badData("a,b,y\n1,2,3\n4,5,high\n"));
    }

    @Test
    void anInfiniteCellIsRejected() throws IOException {
        assertMessage("FILE:2: column 'b' (2): 'Infinity' is not a finite number", badData("a,b,y\n1,Infinity,3\n"));
    }

    @Test
    void aRaggedRowNamesTheLineAndBothWidths() throws IOException {
        assertMessage("FILE:3: row has 2 cells but the header has 3 columns (ragged row); every row needs one cell per column",
                badData("a,b,y\n1,2,3\n4,5\n"));
    }

    @Test
    void anUnknownTargetColumnListsTheColumns() throws IOException {
        Path f = csv("a,b,y\n1,2,3\n");
        UnknownColumnException e = assertThrows(UnknownColumnException.class, () -> CsvReplay.validate(f, "price", "data", List.of()));
        assertEquals("Invalid value for option '--target': 'price' is not a column of " + f + "; its columns are: a, b, y", e.getMessage());
    }

    @Test
    void anEmptyFileOrAHeaderWithoutRowsIsRejected() throws IOException {
        assertMessage("FILE:1: the file is empty; expected a header row naming the columns", badData(""));
        assertMessage("FILE:2: no data rows after the header", badData("a,b,y\n\n"));
    }

    @Test
    void aGoodFileReplaysEveryRowInOrder() throws IOException {
        Path f = csv("\uFEFFid, a ,\"b\",y\r\n7,1.5,-2,10\r\n\r\n8,\"3e2\",4,20.25\r\n");
        CsvReplay replay = CsvReplay.validate(f, "y", "prices", List.of("id"));
        assertEquals(2, replay.rows());
        assertEquals(List.of("a", "b"), replay.featureNames());
        try (CsvReplayStream stream = replay.open()) {
            GeneratedSample s = new GeneratedSample(stream.featureCount());
            stream.next(s);
            assertArrayEquals(new float[] {1.5f, -2f}, s.features);
            assertEquals(10, s.target);
            assertEquals(0, s.seq);
            stream.next(s);
            assertArrayEquals(new float[] {300f, 4f}, s.features);
            assertEquals(20.25, s.target);
            assertEquals(1, s.seq);
            assertEquals(0, stream.remaining());
            assertThrows(IllegalStateException.class, () -> stream.next(s));
        }
    }

    /** Class labels: any text (quoted, with commas), numbered in sorted order; a missing label is refused. */
    @Test
    void labelsAreNumberedInSortedOrderAndReplayedAsClassIndices() throws IOException {
        Path f = csv("x,label\r\n1,\"yes, sure\"\r\n2,no\r\n3,\"yes, sure\"\r\n4,maybe\r\n");
        CsvReplay replay = CsvReplay.validate(f, "label", "answers", List.of(), CsvReplay.Target.LABEL);
        assertEquals(List.of("maybe", "no", "yes, sure"), replay.classes());
        assertEquals("multiclass:3", replay.targetKind());
        double[] targets = new double[4];
        try (CsvReplayStream stream = replay.open()) {
            assertEquals("multiclass:3", stream.targetKind());
            GeneratedSample s = new GeneratedSample(1);
            for (int i = 0; i < 4; i++) {
                stream.next(s);
                targets[i] = s.target;
            }
        }
        assertArrayEquals(new double[] {2, 1, 2, 0}, targets, "class indices in file order");
        assertEquals("regression", CsvReplay.validate(csv("x,y\n1,2\n"), "y", "n", List.of()).targetKind());
    }

    @Test
    void numericLabelsSortAsNumbersAndTwoAreBinary() throws IOException {
        CsvReplay replay = CsvReplay.validate(csv("x,y\n1,10\n2,9\n3,10\n"), "y", "n", List.of(), CsvReplay.Target.LABEL);
        assertEquals(List.of("9", "10"), replay.classes(), "9 before 10: numbers, not text");
        assertEquals("binary", replay.targetKind());
    }

    @Test
    void aMissingLabelNamesTheCell() throws IOException {
        Path f = csv("x,y\n1,a\n2,\n");
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvReplay.validate(f, "y", "n", List.of(), CsvReplay.Target.LABEL));
        assertMessage("FILE:3: column 'y' (2): missing value; fill or drop the row before replaying", e);
    }
}
