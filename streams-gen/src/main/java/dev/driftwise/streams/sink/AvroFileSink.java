package dev.driftwise.streams.sink;

import dev.driftwise.schemas.Sample;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes samples to an Avro object container file of {@link Sample} records. The 16-byte sync
 * marker, random by default in Avro, is derived from the run's source (scenario and seed), so the
 * same seed writes the same bytes.
 */
public final class AvroFileSink implements SampleSink {

    private final DataFileWriter<Sample> writer;
    private final SampleRecords records;

    public AvroFileSink(Path file, SampleOrigin origin, EventTimes times) throws IOException {
        this.records = new SampleRecords(origin, times);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.writer = new DataFileWriter<>(new SampleDatumWriter());
        // Avro's default block encoder is unbuffered: every float went through ByteArrayOutputStream.ensureCapacity
        writer.setEncoder(blockBuffer -> EncoderFactory.get().binaryEncoder(blockBuffer, null));
        writer.setMeta("driftwise.source", origin.source());
        try {
            writer.create(Sample.getClassSchema(), out, syncMarker(origin.source()));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** MD5 of the source string: 16 bytes, fixed per scenario and seed. */
    static byte[] syncMarker(String source) {
        try {
            return MessageDigest.getInstance("MD5").digest(("driftwise sync " + source).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    @Override
    public void accept(SampleStream stream, GeneratedSample sample) throws IOException {
        writer.append(records.fill(stream, sample).sample);
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
