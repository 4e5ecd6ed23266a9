package dev.driftwise.streams.sink;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes samples as CSV with the header {@code stream_id,seq,f0..fn,target,concept_id,drift_phase,
 * mix_probability}. Streams with fewer features than the widest leave the extra cells empty;
 * replayed real data (no ground truth) leaves the last three empty. Classification targets are
 * written as whole numbers. Output depends only on the samples, so the same seed writes the same
 * bytes.
 */
public final class CsvFileSink implements SampleSink {

    private final Writer out;
    private final int width;
    private final boolean groundTruth;
    private final StringBuilder row = new StringBuilder(256);

    /** @param streams the streams that will be written, to size the header */
    public CsvFileSink(Path file, List<? extends SampleStream> streams, SampleOrigin origin) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8), streams, origin);
    }

    CsvFileSink(Writer writer, List<? extends SampleStream> streams, SampleOrigin origin) throws IOException {
        this.out = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer, 1 << 16);
        this.width = streams.stream().mapToInt(SampleStream::featureCount).max().orElse(0);
        this.groundTruth = origin.groundTruth();
        out.write(header(width));
    }

    static String header(int featureCount) {
        StringBuilder h = new StringBuilder("stream_id,seq");
        for (int i = 0; i < featureCount; i++) {
            h.append(",f").append(i);
        }
        return h.append(",target,concept_id,drift_phase,mix_probability\n").toString();
    }

    @Override
    public void accept(SampleStream stream, GeneratedSample s) throws IOException {
        StringBuilder r = row;
        r.setLength(0);
        appendCell(r, stream.streamId()).append(',').append(s.seq);
        for (int i = 0; i < width; i++) {
            r.append(',');
            if (i < s.features.length) {
                ShortestFloat.append(r, s.features[i]);
            }
        }
        r.append(',');
        if (!"regression".equals(stream.targetKind()) && s.target == Math.rint(s.target)) {
            r.append((long) s.target);
        } else {
            r.append(s.target);
        }
        if (groundTruth) {
            r.append(',').append(s.conceptId).append(',').append(s.phase.name()).append(',').append(s.mixProbability);
        } else {
            r.append(",,,");
        }
        out.append(r).append('\n');
    }

    /** Quotes a text cell only when it needs it (RFC 4180). */
    private static StringBuilder appendCell(StringBuilder r, String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return r.append(text);
        }
        return r.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
