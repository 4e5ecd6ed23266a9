package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.wire.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of driftwise records: {@code C3 01}, the writer schema's CRC-64-AVRO
 * fingerprint (8 bytes, little-endian), then the Avro binary body. Decoding looks the fingerprint up in
 * a {@link SchemaStore} and resolves the writer's schema to the requested class's schema with Avro's
 * schema resolution, so records from older and newer producers both read.
 *
 * <p>Thread-safe: share one instance. Encoders, decoders and buffers are reused per thread; writers and
 * resolving readers are built once per class and writer schema.
 */
public final class WireCodec {

    /** Single-object encoding marker (Avro spec, "Single-object encoding"). */
    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;
    /** Marker + fingerprint. */
    public static final int HEADER_SIZE = 10;
    /** A per-thread encode buffer that grew past this is dropped after use, not kept for the thread's life. */
    private static final int RETAINED_BUFFER_BYTES = 1 << 20;

    private static final class Holder {
        static final WireCodec STANDARD = new WireCodec(SchemaStore.standard());
    }

    private final SchemaStore store;
    private final FingerprintTable<WriterEntry> writers = new FingerprintTable<>();
    private final ClassValue<Encoding> encodings = new ClassValue<>() {
        @Override
        protected Encoding computeValue(Class<?> type) {
            return new Encoding(type, store);
        }
    };
    private final ThreadLocal<ThreadBuffers> buffers = ThreadLocal.withInitial(ThreadBuffers::new);

    public WireCodec(SchemaStore store) {
        if (store == null) {
            throw new IllegalArgumentException("store is null: pass SchemaStore.standard() or your own store");
        }
        this.store = store;
    }

    /** One shared codec over {@link SchemaStore#standard()}: every driftwise schema, current and historical. */
    public static WireCodec standard() {
        return Holder.STANDARD;
    }

    public SchemaStore schemaStore() {
        return store;
    }

    /**
     * Header + body of the record. The record's schema is registered with this codec's store, so what a
     * codec writes it can always read.
     *
     * @throws IllegalArgumentException if the record cannot be written (e.g. a required field is null)
     */
    public byte[] encode(SpecificRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("record is null: a null value is a Kafka tombstone, not a record");
        }
        Encoding encoding = encodings.get(record.getClass());
        ThreadBuffers t = buffers.get();
        t.out.reset();
        t.out.write(encoding.header, 0, HEADER_SIZE);
        try {
            t.encoder = EncoderFactory.get().directBinaryEncoder(t.out, t.encoder);
            encoding.writer.write(record, t.encoder);
            t.encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        } catch (RuntimeException e) { // Avro reports a missing required field as NPE or AvroRuntimeException
            throw new IllegalArgumentException("cannot encode " + record.getSchema().getFullName() + ": "
                    + e.getMessage() + "; set every field without a default (the generated builder checks)", e);
        }
        byte[] bytes = t.out.toByteArray();
        if (t.out.capacity() > RETAINED_BUFFER_BYTES) {
            buffers.remove();
        }
        return bytes;
    }

    /**
     * The record in {@code bytes}, resolved to {@code type}'s schema.
     *
     * @throws WireFormatException with {@link Reason#WRONG_TYPE} if the bytes hold another record type
     *     or one whose schema cannot be resolved to {@code type}'s; other reasons for bad bytes
     */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) throws WireFormatException {
        if (type == null) {
            throw new IllegalArgumentException("type is null: pass the generated class, e.g. Sample.class");
        }
        WriterEntry writer = checkedWriter(bytes);
        return type.cast(read(bytes, writer, writer.resolution(type)));
    }

    /** The record in {@code bytes} as the generated class named by its writer schema. */
    public SpecificRecord decodeAny(byte[] bytes) throws WireFormatException {
        WriterEntry writer = checkedWriter(bytes);
        return read(bytes, writer, writer.resolutionToOwnClass());
    }

    /** The writer's fingerprint in a header, without checking the body. */
    public static long fingerprintOf(byte[] bytes) throws WireFormatException {
        checkHeader(bytes);
        return readFingerprint(bytes);
    }

    private WriterEntry checkedWriter(byte[] bytes) throws WireFormatException {
        checkHeader(bytes);
        long fingerprint = readFingerprint(bytes);
        WriterEntry entry = writers.get(fingerprint);
        if (entry == null) {
            Schema schema = store.find(fingerprint).orElseThrow(() -> new WireFormatException(
                    Reason.UNKNOWN_FINGERPRINT, "no schema with fingerprint " + WireFormatException.hex(fingerprint)
                    + " is known; register the writer's schema with SchemaStore.register(schema), or upgrade the"
                    + " schemas jar if a newer producer wrote it", fingerprint, null));
            entry = writers.putIfAbsent(fingerprint, new WriterEntry(fingerprint, schema));
        }
        entry.validator.validate(bytes, HEADER_SIZE, fingerprint, buffers.get().cursor);
        return entry;
    }

    private static void checkHeader(byte[] bytes) throws WireFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new WireFormatException(Reason.EMPTY, "value is " + (bytes == null ? "null" : "empty")
                    + ": a tombstone or an empty produce, not a driftwise record; skip it or fix the producer");
        }
        if (bytes[0] != MAGIC_0 || (bytes.length > 1 && bytes[1] != MAGIC_1)) {
            throw new WireFormatException(Reason.BAD_MAGIC, String.format(
                    "value starts with %s, not the Avro single-object marker C3 01; the producer did not use"
                    + " WireCodec (plain Avro, JSON or a registry framing?)", hexPrefix(bytes)));
        }
        if (bytes.length < HEADER_SIZE) {
            throw new WireFormatException(Reason.TRUNCATED, "value has " + bytes.length + " bytes, fewer than the "
                    + HEADER_SIZE + "-byte single-object header; it was cut short");
        }
    }

    private static long readFingerprint(byte[] b) {
        long fp = 0;
        for (int i = HEADER_SIZE - 1; i >= 2; i--) {
            fp = (fp << 8) | (b[i] & 0xffL);
        }
        return fp;
    }

    private SpecificRecord read(byte[] bytes, WriterEntry writer, Resolution resolution) throws WireFormatException {
        if (resolution.reader == null) {
            throw new WireFormatException(Reason.WRONG_TYPE, resolution.problem, writer.fingerprint, null);
        }
        ThreadBuffers t = buffers.get();
        try {
            t.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE, t.decoder);
            return resolution.reader.read(null, t.decoder);
        } catch (EOFException e) {
            throw malformed(Reason.TRUNCATED, writer, e);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // the validator bounds every length, so reaching here means Avro itself rejected the body
            throw malformed(Reason.MALFORMED, writer, e);
        }
    }

    private static WireFormatException malformed(Reason reason, WriterEntry writer, Throwable cause) {
        return new WireFormatException(reason, "cannot decode " + writer.schema.getFullName() + " (fingerprint "
                + WireFormatException.hex(writer.fingerprint) + "): " + cause + "; the bytes are corrupt",
                writer.fingerprint, cause);
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            s.append(String.format("%02X ", bytes[i] & 0xff));
        }
        return s.toString().trim() + (bytes.length > 4 ? " ..." : "");
    }

    static Schema schemaOf(Class<?> type) {
        Schema schema;
        try {
            schema = SpecificData.get().getSchema(type);
        } catch (AvroRuntimeException e) {
            schema = null;
        }
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class; pass one"
                    + " such as Sample.class, or call decodeAny");
        }
        return schema;
    }

    /** The fixed header and writer for one record class. */
    private static final class Encoding {
        final byte[] header = new byte[HEADER_SIZE];
        final SpecificDatumWriter<SpecificRecord> writer;

        Encoding(Class<?> type, SchemaStore store) {
            Schema schema = schemaOf(type);
            long fingerprint = store.register(schema);
            header[0] = MAGIC_0;
            header[1] = MAGIC_1;
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian
            }
            writer = new SpecificDatumWriter<>(schema, SpecificData.getForClass(type));
        }
    }

    /**
     * The generated class named by a writer schema. Looked up in this jar's class loader first (where the
     * driftwise classes live, whatever loader Avro itself came from: Flink may load Avro parent-first),
     * then in the thread's context loader for records users registered themselves.
     */
    private static Class<?> generatedClass(Schema schema) {
        Class<?> own = new SpecificData(WireCodec.class.getClassLoader()).getClass(schema);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return own != null || context == null ? own : new SpecificData(context).getClass(schema);
    }

    /** A resolving reader, or why the writer's records cannot be read as the requested type. */
    private record Resolution(DatumReader<SpecificRecord> reader, String problem) {
    }

    /** Everything derived from one writer schema: its validator and its readers per requested class. */
    private static final class WriterEntry {
        final long fingerprint;
        final Schema schema;
        final BodyValidator validator;
        final ConcurrentHashMap<Class<?>, Resolution> byType = new ConcurrentHashMap<>();
        private volatile Resolution toOwnClass;

        WriterEntry(long fingerprint, Schema schema) {
            this.fingerprint = fingerprint;
            this.schema = schema;
            this.validator = new BodyValidator(schema);
        }

        Resolution resolution(Class<?> type) {
            Resolution r = byType.get(type);
            return r != null ? r : byType.computeIfAbsent(type, this::resolve);
        }

        Resolution resolutionToOwnClass() {
            Resolution r = toOwnClass;
            if (r == null) {
                Class<?> own = generatedClass(schema);
                r = own != null && SpecificRecord.class.isAssignableFrom(own) ? resolution(own)
                        : new Resolution(null, "bytes hold a " + schema.getFullName() + " (fingerprint "
                        + WireFormatException.hex(fingerprint) + ") but no generated class of that name is on the"
                        + " classpath; decode with an explicit type or add the class");
                toOwnClass = r;
            }
            return r;
        }

        private Resolution resolve(Class<?> type) {
            Schema reader = schemaOf(type);
            if (!reader.getFullName().equals(schema.getFullName()) && !reader.getAliases().contains(schema.getFullName())) {
                return new Resolution(null, "bytes hold a " + schema.getFullName() + ", not a " + reader.getFullName()
                        + "; read this topic with " + schema.getName() + ".class or use decodeAny");
            }
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, schema);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                List<String> issues = check.getResult().getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage()).toList();
                return new Resolution(null, "this " + reader.getFullName() + " class cannot read records written"
                        + " with schema " + WireFormatException.hex(fingerprint) + ": " + issues
                        + "; upgrade the schemas jar, or the producer broke compatibility");
            }
            return new Resolution(new SpecificDatumReader<>(schema, reader, SpecificData.getForClass(type)), null);
        }
    }

    /** Per-thread reusable encode and decode state. */
    private static final class ThreadBuffers {
        final ExposedBuffer out = new ExposedBuffer();
        final BodyValidator.Cursor cursor = new BodyValidator.Cursor();
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }

    private static final class ExposedBuffer extends ByteArrayOutputStream {
        ExposedBuffer() {
            super(512);
        }

        int capacity() {
            return buf.length;
        }
    }
}
