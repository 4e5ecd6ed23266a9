package dev.driftwise.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes single-object bytes with an arbitrary (old, newer or foreign) writer schema, independently of
 * WireCodec: the header is laid out here by hand from the Avro spec, so the tests check the codec
 * against the spec rather than against itself.
 */
final class GenericFraming {

    private GenericFraming() {
    }

    static byte[] encode(Schema writer, Consumer<GenericData.Record> fill) throws IOException {
        GenericData.Record record = new GenericData.Record(writer);
        fill.accept(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC3);
        out.write(0x01);
        long fp = org.apache.avro.SchemaNormalization.parsingFingerprint64(writer);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fp >>> (8 * i)) & 0xff);
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(writer, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Reads single-object bytes as an old or foreign reader would: writer schema by fingerprint, resolved to {@code reader}. */
    static GenericData.Record decode(byte[] bytes, SchemaStore store, Schema reader) throws IOException {
        if ((bytes[0] & 0xff) != 0xC3 || bytes[1] != 0x01) {
            throw new IOException("not single-object encoded");
        }
        long fp = 0;
        for (int i = 9; i >= 2; i--) {
            fp = (fp << 8) | (bytes[i] & 0xffL);
        }
        long fingerprint = fp;
        Schema writer = store.find(fingerprint).orElseThrow(() -> new IOException("unknown fingerprint " + Long.toHexString(fingerprint)));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null);
        return new GenericDatumReader<GenericData.Record>(writer, reader, GenericData.get()).read(null, decoder);
    }
}
