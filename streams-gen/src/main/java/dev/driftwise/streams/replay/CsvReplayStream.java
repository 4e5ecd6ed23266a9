package dev.driftwise.streams.replay;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The rows of a validated {@link CsvReplay} as a finite {@link SampleStream}: seq counts data rows
 * from 0; concept markers stay at their defaults (real data has no ground truth). Reading past the
 * last row is an error: a replay has exactly {@link CsvReplay#rows()} samples.
 */
public final class CsvReplayStream implements SampleStream, AutoCloseable {

    private final CsvReplay replay;
    private final BufferedReader in;
    private long line = 1;
    private long seq;

    CsvReplayStream(CsvReplay replay, BufferedReader in) throws IOException {
        this.replay = replay;
        this.in = in;
        in.readLine();
    }

    @Override
    public String streamId() {
        return replay.streamId();
    }

    @Override
    public int featureCount() {
        return replay.featureCount();
    }

    @Override
    public String targetKind() {
        return replay.targetKind();
    }

    @Override
    public double ratePerSecond() {
        return 0;
    }

    /** Rows not replayed yet. */
    public long remaining() {
        return replay.rows() - seq;
    }

    @Override
    public void next(GeneratedSample into) {
        if (seq >= replay.rows()) {
            throw new IllegalStateException("all " + replay.rows() + " rows of " + replay.file() + " were replayed already");
        }
        try {
            String text;
            do {
                text = in.readLine();
                line++;
                if (text == null) {
                    throw new CsvFormatException(replay.file(), line, "the file ended after " + seq
                            + " rows, but it had " + replay.rows() + " when it was checked; was it changed meanwhile?");
                }
            } while (text.isBlank());
            replay.parse(text, line, into);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + replay.file() + " at line " + line, e);
        }
        into.seq = seq++;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
