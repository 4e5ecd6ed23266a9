package dev.driftwise.streams.replay;

import java.nio.file.Path;

/**
 * A CSV file that cannot be replayed; the message reads {@code FILE:LINE: column 'NAME' (N): problem}
 * so the user can jump to the cell.
 */
public final class CsvFormatException extends RuntimeException {

    private final Path file;
    private final long line;

    public CsvFormatException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the file (the header is line 1). */
    public long line() {
        return line;
    }
}
