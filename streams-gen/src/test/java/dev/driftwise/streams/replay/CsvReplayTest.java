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
        assertMessage("FILE:4: column 'a' (1): 'abc' is not a number", badData("a,b,y\n1,2,3\n4,5,6\nabc,8,9\n"));
    }

    @Test
    void anInfiniteCellIsRejected() throws IOException {
        assertMessage("FILE:2: column 'b' (2): 'Infinity' is not a finite number", badData("a,b,y\n1,Infinity,3\n"));
    }

    @Test
    void aRaggedRowNamesTheLineAndBothWidths() throws IOException {
        assertMessage("FILE:3: row has 2 cells but the header has 3 columns (ragged row)", badData("a,b,y\n1,2,3\n4,5\n"));
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
}
