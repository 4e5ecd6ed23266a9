package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.Sample;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class SampleDatumWriterTest {

    private static final SampleStream STREAM = new SampleStream() {
        @Override
        public String streamId() {
            return "stream,ü";
        }

        @Override
        public int featureCount() {
            return 3;
        }

        @Override
        public String targetKind() {
            return "regression";
        }

        @Override
        public double ratePerSecond() {
            return 10;
        }

        @Override
        public void next(GeneratedSample into) {
        }
    };

    private static byte[] write(DatumWriter<Sample> writer, Sample sample) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(sample, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    @Test
    void writesTheSameBytesAsAvrosOwnWriterForEveryRecordOfARun() throws IOException {
        for (SampleOrigin origin : new SampleOrigin[] {SampleOrigin.scenario("s", 3, "run-1"), SampleOrigin.replay("x.csv", "run-2")}) {
            SampleRecords records = new SampleRecords(origin, EventTimes.synthetic(Instant.parse("2026-01-01T00:00:00Z"), s -> 10));
            SampleDatumWriter fast = new SampleDatumWriter();
            SpecificDatumWriter<Sample> plain = new SpecificDatumWriter<>(Sample.class);
            GeneratedSample g = new GeneratedSample(3);
            for (int i = 0; i < 5; i++) {   // the same record instance, refilled: strings come from the cache after the first
                g.seq = i;
                g.features[0] = i * 0.5f;
                g.features[2] = -i;
                g.target = i * 1.25;
                g.conceptId = i % 2;
                g.phase = i == 3 ? DriftPhase.GRADUAL : DriftPhase.STABLE;
                g.fromConceptId = i == 3 ? 0 : -1;
                g.mixProbability = i == 3 ? 0.25 : 0;
                Sample sample = records.fill(STREAM, g).sample;
                assertArrayEquals(write(plain, sample), write(fast, sample), "record " + i + " of " + origin.source());
            }
        }
    }
}
