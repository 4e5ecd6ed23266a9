package dev.driftwise.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
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
}
