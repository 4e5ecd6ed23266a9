package dev.driftwise.streams.replay;

import java.nio.file.Path;
import java.util.List;

/** A flag names a column the CSV header does not have; the message lists the columns it does. */
public final class UnknownColumnException extends IllegalArgumentException {

    public UnknownColumnException(String flag, String column, Path file, List<String> header) {
        super("Invalid value for option '" + flag + "': '" + column + "' is not a column of " + file
                + "; its columns are: " + String.join(", ", header));
    }
}
