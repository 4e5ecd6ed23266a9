package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.wire.WireFormatException.Reason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    /** What v1 producers (commit ee99416) stamp on every Sample; computed from that commit's .avsc files. */
    private static final long SAMPLE_V1_FINGERPRINT = 0x50faaccc6f37bb2fL;

    /** What v1 producers of ModelSnapshot (no feature statistics) stamp; computed from the .avsc files at commit 79fe45c. */
    private static final long MODEL_SNAPSHOT_V1_FINGERPRINT = 0xdd74fd31f5c32c35L;

    private final WireCodec codec = WireCodec.standard();

    private static Schema historical(String name) {
        return SchemaStore.historicalSchemas().stream()
                .filter(s -> s.getName().equals(name) && SchemaStore.schemaVersion(s) == 1).findFirst().orElseThrow();
    }

    @Test
    void everyKeptV1IsExactlyTheSchemaV1ProducersWroteAndTheStandardStoreHoldsIt() {
        Map<String, Long> onTheTopics = Map.of("Sample", SAMPLE_V1_FINGERPRINT, "ModelSnapshot", MODEL_SNAPSHOT_V1_FINGERPRINT);
        for (Map.Entry<String, Long> e : onTheTopics.entrySet()) {
            assertEquals(e.getValue(), SchemaStore.fingerprint(historical(e.getKey())),
                    "history/" + e.getKey() + "-v1.avsc must never change: its fingerprint is on the topic");
            assertTrue(codec.schemaStore().find(e.getValue()).isPresent(), "standard store holds " + e.getKey() + " v1");
        }
        assertEquals(2, SchemaStore.schemaVersion(Sample.getClassSchema()), "v2 added provenance");
        assertEquals(2, SchemaStore.schemaVersion(ModelSnapshot.getClassSchema()), "v2 added featureStatistics");
    }

    @Test
    void aSampleWrittenByAV1ProducerReadsAsTheCurrentSample() throws Exception {
        Schema v1 = historical("Sample");
        Schema groundTruthV1 = v1.getField("groundTruth").schema().getTypes().get(1);
        byte[] bytes = GenericFraming.encode(v1, r -> {
            r.put("streamId", "sea-0");
            r.put("seq", 17L);
            r.put("eventTime", 1_700_000_000_000L);
            r.put("features", List.of(1.5f, -2f));
            r.put("target", 1.0);
            GenericData.Record truth = new GenericData.Record(groundTruthV1);
            truth.put("conceptId", 3);
            truth.put("driftIndex", 1);
            truth.put("phase", new GenericData.EnumSymbol(groundTruthV1.getField("phase").schema(), "ABRUPT"));
            truth.put("fromConceptId", null);
            truth.put("mixProbability", 1.0);
            r.put("groundTruth", truth);
            r.put("source", "sea(seed=0)");
        });
        assertEquals(SAMPLE_V1_FINGERPRINT, WireCodec.fingerprintOf(bytes));

        Sample sample = codec.decode(bytes, Sample.class);
        assertEquals("sea-0", sample.getStreamId());
        assertEquals(17L, sample.getSeq());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), sample.getEventTime());
        assertEquals(List.of(1.5f, -2f), sample.getFeatures());
        assertEquals(DriftPhase.ABRUPT, sample.getGroundTruth().getPhase());
        assertEquals(3, sample.getGroundTruth().getConceptId());
        assertEquals("sea(seed=0)", sample.getSource());
        assertNull(sample.getProvenance(), "field added in v2 takes its default");
        assertEquals(sample, codec.decodeAny(bytes));
    }

    @Test
    void aModelSnapshotWrittenByAV1ProducerReadsAsTheCurrentRecordWithoutFeatureStatistics() throws Exception {
        Schema v1 = historical("ModelSnapshot");
        ModelSnapshot original = TestRecords.modelSnapshot(3);
        byte[] bytes = GenericFraming.encode(v1, r -> copyInto(original, r));
        assertEquals(MODEL_SNAPSHOT_V1_FINGERPRINT, WireCodec.fingerprintOf(bytes), "bytes as a v1 producer framed them");

        ModelSnapshot read = codec.decode(bytes, ModelSnapshot.class);
        assertNull(read.getFeatureStatistics(), "field added in v2 takes its default");
        assertEquals(original, read, "every v1 field intact");
        assertEquals(original, codec.decodeAny(bytes));
    }

    @Test
    void aV1ReaderReadsAV2SnapshotWithFeatureStatisticsAsTheRecordItKnows() throws Exception {
        Schema v1 = historical("ModelSnapshot");
        Schema v2 = ModelSnapshot.getClassSchema();
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(v1, v2).getType(), "a v1 reader must resolve v2 records");
        ModelSnapshot written = TestRecords.standardizingModelSnapshot(5);
        byte[] bytes = codec.encode(written);
        assertEquals(SchemaStore.fingerprint(v2), WireCodec.fingerprintOf(bytes));

        // an old reader resolves the writer's schema (found by the fingerprint in the header) to the v1 schema it was built with
        GenericData.Record old = GenericFraming.decode(bytes, SchemaStore.standard(), v1);
        assertNull(old.getSchema().getField("featureStatistics"), "the v1 reader does not know the new field");
        assertEquals(written.getStreamId(), old.get("streamId").toString());
        assertEquals(written.getVersion(), old.get("version"));
        assertEquals(written.getModelSpec(), old.get("modelSpec").toString());
        List<?> tensors = (List<?>) old.get("tensors");
        assertEquals(written.getTensors().size(), tensors.size(), "parameters and statistics tensors");
        for (int i = 0; i < tensors.size(); i++) {
            GenericData.Record t = (GenericData.Record) tensors.get(i);
            Tensor expected = written.getTensors().get(i);
            assertEquals(expected.getName(), t.get("name").toString());
            assertEquals(expected.getDtype().name(), t.get("dtype").toString());
            assertEquals(expected.getData(), t.get("data"), expected.getName() + " bytes");
        }
        assertEquals(2, ((GenericData.Record) old.get("provenance")).get("schemaVersion"), "stamped by a v2 writer");
    }

    @Test
    void aV2SnapshotRoundTripsItsFeatureStatisticsExactly() throws Exception {
        ModelSnapshot written = TestRecords.standardizingModelSnapshot(6);
        ModelSnapshot read = codec.decode(codec.encode(written), ModelSnapshot.class);
        assertEquals(written, read);
        assertEquals(12340L, read.getFeatureStatistics().getCount());
    }

    @Test
    void aSampleFromANewerProducerWithAnAddedFieldReadsOnceItsSchemaIsRegistered() throws Exception {
        Schema v3 = withAddedField(Sample.getClassSchema(), "weight", Schema.create(Schema.Type.DOUBLE), 1.0);
        Sample original = TestRecords.sample(9, 5);
        byte[] bytes = GenericFraming.encode(v3, r -> {
            copyInto(original, r);
            r.put("weight", 0.25);
        });

        SchemaStore store = SchemaStore.standard();
        WireCodec reader = new WireCodec(store);
        WireFormatException unknown = assertThrows(WireFormatException.class, () -> reader.decode(bytes, Sample.class));
        assertEquals(Reason.UNKNOWN_FINGERPRINT, unknown.reason());
        assertEquals(SchemaStore.fingerprint(v3), unknown.fingerprint().orElseThrow());

        store.register(v3);
        assertEquals(original, reader.decode(bytes, Sample.class), "the extra field is skipped, the rest is intact");
    }

    @Test
    void aModelSnapshotWhoseTensorsGainedAFieldStillYieldsTheSameTensors() throws Exception {
        Schema current = ModelSnapshot.getClassSchema();
        Schema tensorV2 = withAddedField(current.getField("tensors").schema().getElementType(), "quantScale",
                Schema.create(Schema.Type.FLOAT), 1.0);
        Schema v2 = replaceFieldSchema(current, "tensors", Schema.createArray(tensorV2));
        ModelSnapshot original = TestRecords.modelSnapshot(4);
        GenericData model = GenericData.get();
        byte[] bytes = GenericFraming.encode(v2, r -> {
            copyInto(original, r);
            List<GenericData.Record> tensors = new ArrayList<>();
            for (Tensor t : original.getTensors()) {
                GenericData.Record g = new GenericData.Record(tensorV2);
                g.put("name", t.getName());
                g.put("shape", t.getShape());
                g.put("dtype", model.createEnum(t.getDtype().name(), tensorV2.getField("dtype").schema()));
                g.put("elementOffset", t.getElementOffset());
                g.put("data", t.getData().duplicate());
                g.put("quantScale", 0.5f);
                tensors.add(g);
            }
            r.put("tensors", tensors);
        });
        SchemaStore store = SchemaStore.standard();
        store.register(v2);
        assertEquals(original, new WireCodec(store).decode(bytes, ModelSnapshot.class));
    }

    /** Copies a specific record's values into a generic record of a (compatible) other schema, by field name. */
    private static void copyInto(org.apache.avro.specific.SpecificRecordBase from, GenericData.Record to) {
        for (Schema.Field f : from.getSchema().getFields()) {
            Schema.Field target = to.getSchema().getField(f.name());
            if (target == null) { // an older schema: only a field left at its default may be dropped
                assertNull(from.get(f.name()), f.name() + " is set but the older schema " + to.getSchema().getName() + " lacks it");
                continue;
            }
            to.put(f.name(), toGeneric(from.get(f.name()), target.schema()));
        }
    }

    private static Object toGeneric(Object value, Schema schema) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.duplicate();
        }
        if (value instanceof org.apache.avro.specific.SpecificRecordBase nested) {
            Schema target = schema.getType() == Schema.Type.UNION
                    ? schema.getTypes().get(schema.getIndexNamed(nested.getSchema().getFullName())) : schema;
            GenericData.Record g = new GenericData.Record(target);
            copyInto(nested, g);
            return g;
        }
        if (value instanceof Enum<?> e) {
            Schema enumSchema = schema.getType() == Schema.Type.UNION
                    ? schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.ENUM).findFirst().orElseThrow()
                    : schema;
            return new GenericData.EnumSymbol(enumSchema, e.name());
        }
        if (value instanceof List<?> list && schema.getType() == Schema.Type.ARRAY) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(toGeneric(item, schema.getElementType()));
            }
            return out;
        }
        return value;
    }

    static Schema withAddedField(Schema record, String name, Schema type, Object defaultValue) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field(name, type, "added by a newer producer", defaultValue == null
                ? JsonProperties.NULL_VALUE : defaultValue));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    static Schema replaceFieldSchema(Schema record, String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.name().equals(name) ? type : f.schema()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
