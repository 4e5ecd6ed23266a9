package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.DeadLetterReason;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A corpus of bad records among good ones: each lands on the DLQ with its reason; the job keeps learning. */
@ExtendWith(KafkaTestBroker.class)
class DeadLetterTest {

    private record Sent(String key, byte[] value, DeadLetterReason expected) {}

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndTheModelsStayFinite() throws Exception {
        TestTopics t = new TestTopics("dlq").createSamples(1);
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] good = WireCodec.standard().encode(sample("reg", 0, new float[] {1, 2, 3}, 0.5));
        byte[] unknownFingerprint = good.clone();
        unknownFingerprint[5] ^= 0x5a;
        List<Sent> bad = List.of(
                new Sent("reg", new byte[0], DeadLetterReason.UNDECODABLE),
                new Sent("reg", "{\"streamId\":\"reg\"}".getBytes(StandardCharsets.UTF_8), DeadLetterReason.UNDECODABLE),
                new Sent("reg", unknownFingerprint, DeadLetterReason.UNKNOWN_SCHEMA),
                new Sent("reg", Arrays.copyOf(good, good.length - 5), DeadLetterReason.UNDECODABLE),
                new Sent("reg", WireCodec.standard().encode(sample("reg", 0, new float[] {1, 2}, 0.5)), DeadLetterReason.WRONG_FEATURE_COUNT),
                new Sent("reg", WireCodec.standard().encode(sample("reg", 0, new float[] {1, Float.NaN, 3}, 0.5)), DeadLetterReason.NON_FINITE),
                new Sent("reg", WireCodec.standard().encode(sample("reg", 0, new float[] {1, 2, 3}, Double.POSITIVE_INFINITY)), DeadLetterReason.NON_FINITE),
                new Sent("cls", WireCodec.standard().encode(sample("cls", 0, new float[] {1, 2, 3}, 3)), DeadLetterReason.CLASS_OUT_OF_RANGE),
                new Sent("cls", WireCodec.standard().encode(sample("cls", 0, new float[] {1, 2, 3}, 0.5)), DeadLetterReason.CLASS_OUT_OF_RANGE),
                new Sent("reg", WireCodec.standard().encode(ModelSnapshot.newBuilder().setStreamId("reg").setVersion(1)
                        .setSnapshotId("reg@1").setStep(1).setSamplesSeen(1).setCreatedAt(Instant.EPOCH).setModelSpec("x")
                        .setOptimizer(dev.driftwise.schemas.OptimizerSpec.newBuilder().setName("x").setHyperParameters(java.util.Map.of()).build())
                        .setTensors(List.of()).setSourceOffsets(List.of()).setSummaryMetrics(java.util.Map.of())
                        .setProvenance(dev.driftwise.schemas.Provenance.newBuilder().setSchemaVersion(1).setProducerName("t")
                                .setProducerVersion("t").setRunId("t").setHost("t").build()).build()), DeadLetterReason.UNDECODABLE));
        List<Sent> all = new ArrayList<>();
        int goodPerStream = 0;
        for (int i = 0; i < 200; i++) {
            float[] x = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
            all.add(new Sent("reg", WireCodec.standard().encode(sample("reg", i, x, x[0] - 2 * x[1] + x[2])), null));
            all.add(new Sent("cls", WireCodec.standard().encode(sample("cls", i, x, x[0] > 0 ? (x[1] > 0 ? 2 : 1) : 0)), null));
            goodPerStream++;
            if (i % 20 == 10 && i / 20 < bad.size()) {
                all.add(bad.get(i / 20));
            }
        }
        try (SampleWriter w = new SampleWriter(t.samples)) {
            all.forEach(s -> w.write(s.key(), s.value()));
            w.flush();
        }
        JobOptions o = JobOptions.parse(t.flags("--model", "linear:3", "--stream.cls.model", "softmax:3:3",
                "--optimizer", "sgd(lr=0.05)", "--micro-batch", "8", "--snapshot-every", "10", "--metrics-every", "80",
                "--checkpoint-interval", "300ms", "--bounded"));

        LocalFlink.run(o, new Learners(), 0);

        // decode failures and learner rejections leave from two operators: the DLQ is ordered by source offset here
        List<TopicReader.Read<DeadLetter>> letters = new ArrayList<>(TopicReader.readAll(t.dlq, DeadLetter.class));
        letters.sort(java.util.Comparator.comparingLong(l -> l.value().getSourceOffset()));
        assertEquals(bad.stream().map(Sent::expected).toList(), letters.stream().map(l -> l.value().getReason()).toList(),
                "dead-letter reasons in input order; details: " + letters.stream().map(l -> l.value().getDetail()).toList());
        for (int i = 0; i < bad.size(); i++) {
            DeadLetter l = letters.get(i).value();
            long offset = indexOf(all, bad.get(i));
            assertEquals(offset, l.getSourceOffset(), "offset of bad record " + i);
            assertEquals(t.samples, l.getSourceTopic());
            assertEquals(0, l.getSourcePartition());
            assertArrayEquals(bad.get(i).value(), bytes(l.getOriginalValue()), "original bytes of bad record " + i);
            assertArrayEquals(bad.get(i).key().getBytes(StandardCharsets.UTF_8), bytes(l.getOriginalKey()));
            assertTrue(!l.getDetail().isBlank());
            boolean decoded = i >= 4 && i <= 8;
            assertEquals(decoded ? bad.get(i).key() : null, l.getStreamId(), "stream id of bad record " + i);
            assertEquals(decoded ? bad.get(i).key() : null, letters.get(i).key(), "Kafka key of dead letter " + i);
        }
        List<TopicReader.Read<ModelSnapshot>> models = TopicReader.readAll(t.models, ModelSnapshot.class);
        for (String stream : List.of("reg", "cls")) {
            ModelSnapshot last = models.stream().filter(m -> m.key().equals(stream)).reduce((a, b) -> b).orElseThrow().value();
            assertEquals(goodPerStream, last.getSamplesSeen(), stream + ": every good sample learned, no bad one");
            for (Tensor x : last.getTensors()) {
                for (float v : TensorCodec.decodeFloats(x.getData())) {
                    assertTrue(Float.isFinite(v), stream + " " + x.getName() + " has a non-finite weight " + v);
                }
            }
        }
    }

    private static long indexOf(List<Sent> all, Sent s) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == s) {
                return i;
            }
        }
        throw new AssertionError("not sent: " + s);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static Sample sample(String stream, long seq, float[] x, double y) {
        List<Float> f = new ArrayList<>();
        for (float v : x) {
            f.add(v);
        }
        return Sample.newBuilder().setStreamId(stream).setSeq(seq).setEventTime(Instant.ofEpochMilli(seq)).setFeatures(f)
                .setTarget(y).build();
    }
}
