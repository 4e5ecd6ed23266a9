package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.wire.WireFormatException.Reason;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary body along its writer schema before Avro decodes it, so that Avro never sees a
 * length, count, union or enum index the bytes cannot back: a corrupt length or count prefix would
 * otherwise make Avro allocate up to gigabytes or loop for a very long time (WireCodecFuzzTest times out
 * without this pass). After it, what Avro allocates is bounded by a small multiple of the message size
 * (items of zero bytes, which no size can bound, are capped by count). Compiled once per writer schema;
 * walking allocates nothing.
 */
final class BodyValidator {

    /** Nesting deeper than this is corruption in practice and would risk a StackOverflowError. */
    static final int MAX_DEPTH = 128;
    /** Items that take zero bytes (null, empty records) are unbounded by size; cap them per message. */
    static final long MAX_ZERO_BYTE_ITEMS = 1L << 20;

    private final Node root;
    private final String writerName;

    BodyValidator(Schema writerSchema) {
        this.writerName = writerSchema.getFullName();
        this.root = compile(writerSchema, writerSchema.getName(), new IdentityHashMap<>());
    }

    /** Checks that {@code bytes[from..]} holds exactly one body of the writer schema; {@code c} is reused. */
    void validate(byte[] bytes, int from, long fingerprint, Cursor c) throws WireFormatException {
        c.reset(bytes, from, fingerprint, writerName);
        try {
            root.skip(c, 0);
            if (c.pos != bytes.length) {
                throw c.fail(Reason.MALFORMED, (bytes.length - c.pos) + " bytes left after the record ended at byte "
                        + c.pos + " of " + bytes.length + "; the value holds more than one record or is corrupt");
            }
        } finally {
            c.bytes = null; // a thread's cursor must not keep its last (possibly multi-megabyte) value alive
        }
    }

    /** Read position plus what an error message needs; one per thread, reset for each value. */
    static final class Cursor {
        byte[] bytes;
        long fingerprint;
        String writerName;
        int pos;
        long zeroByteItems;

        void reset(byte[] bytes, int pos, long fingerprint, String writerName) {
            this.bytes = bytes;
            this.pos = pos;
            this.fingerprint = fingerprint;
            this.writerName = writerName;
            this.zeroByteItems = 0;
        }

        int remaining() {
            return bytes.length - pos;
        }

        /** Avro zig-zag varint long: at most 10 bytes. */
        long readLong(String what) throws WireFormatException {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= bytes.length) {
                    throw fail(Reason.TRUNCATED, "bytes end inside the varint of " + what);
                }
                int b = bytes[pos++] & 0xff;
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw fail(Reason.MALFORMED, "varint of " + what + " is longer than 10 bytes");
        }

        /** Avro zig-zag varint int: at most 5 bytes, value within int range. */
        int readInt(String what) throws WireFormatException {
            int start = pos;
            long value = readLong(what);
            if (pos - start > 5 || value != (int) value) {
                throw fail(Reason.MALFORMED, "varint of " + what + " = " + value + " does not fit an int");
            }
            return (int) value;
        }

        void skip(long n, String what) throws WireFormatException {
            if (n > remaining()) {
                throw fail(Reason.TRUNCATED, what + " needs " + n + " bytes at byte " + pos + " but only "
                        + remaining() + " are left");
            }
            pos += (int) n;
        }

        WireFormatException fail(Reason reason, String detail) {
            return new WireFormatException(reason, "corrupt " + writerName + " (writer fingerprint "
                    + WireFormatException.hex(fingerprint) + "): " + detail
                    + "; the producer wrote invalid bytes or the value was damaged in transit", fingerprint, null);
        }
    }

    private abstract static class Node {
        final String path;
        int minSize; // fewest bytes one value can take: bounds how many items a count may claim

        Node(String path, int minSize) {
            this.path = path;
            this.minSize = minSize;
        }

        abstract void skip(Cursor c, int depth) throws WireFormatException;
    }

    private static final class Fixed extends Node {
        Fixed(String path, int size) {
            super(path, size);
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            c.skip(minSize, path);
        }
    }

    private static final class Varint extends Node {
        private final boolean isInt;

        Varint(String path, boolean isInt) {
            super(path, 1);
            this.isInt = isInt;
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            if (isInt) {
                c.readInt(path);
            } else {
                c.readLong(path);
            }
        }
    }

    private static final class Bool extends Node {
        Bool(String path) {
            super(path, 1);
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            c.skip(1, path);
            if ((c.bytes[c.pos - 1] & 0xfe) != 0) {
                throw c.fail(Reason.MALFORMED, path + " boolean byte is " + (c.bytes[c.pos - 1] & 0xff)
                        + ", not 0 or 1");
            }
        }
    }

    /** string and bytes: a length, then that many bytes. */
    private static final class LengthPrefixed extends Node {
        private final String lengthLabel; // labels are built once here: the walk must not allocate

        LengthPrefixed(String path) {
            super(path, 1);
            lengthLabel = path + " length";
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            long length = c.readLong(lengthLabel);
            if (length < 0) {
                throw c.fail(Reason.MALFORMED, path + " length is negative (" + length + ")");
            }
            c.skip(length, path);
        }
    }

    private static final class Indexed extends Node {
        private final Node[] branches; // null for an enum
        private final int count;

        private final String indexLabel;

        Indexed(String path, Node[] branches, int count) {
            super(path, 1);
            this.branches = branches;
            this.count = count;
            this.indexLabel = path + (branches == null ? " enum index" : " union branch");
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            int index = c.readInt(indexLabel);
            if (index < 0 || index >= count) {
                throw c.fail(Reason.MALFORMED, indexLabel + " " + index + " is outside [0, " + count + ")");
            }
            if (branches != null) {
                branches[index].skip(c, depth + 1);
            }
        }
    }

    private static final class Record extends Node {
        Node[] fields = new Node[0];

        Record(String path) {
            super(path, 0);
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            if (depth > MAX_DEPTH) {
                throw c.fail(Reason.MALFORMED, path + " nests deeper than " + MAX_DEPTH + " levels");
            }
            for (Node field : fields) {
                field.skip(c, depth + 1);
            }
        }
    }

    /** array and map: blocks of (count, [byte size if count < 0], items); a map item is key + value. */
    private static final class Blocks extends Node {
        private final Node key; // null for an array
        private final Node value;

        private final String countLabel;
        private final String sizeLabel;

        Blocks(String path, Node key, Node value) {
            super(path, 1);
            this.key = key;
            this.value = value;
            this.countLabel = path + " block count";
            this.sizeLabel = path + " block size";
        }

        @Override
        void skip(Cursor c, int depth) throws WireFormatException {
            if (depth > MAX_DEPTH) {
                throw c.fail(Reason.MALFORMED, path + " nests deeper than " + MAX_DEPTH + " levels");
            }
            int itemSize = (key == null ? 0 : 1) + value.minSize;
            while (true) {
                long count = c.readLong(countLabel);
                if (count == 0) {
                    return;
                }
                if (count < 0) {
                    if (count == Long.MIN_VALUE) {
                        throw c.fail(Reason.MALFORMED, path + " block count " + count + " is invalid");
                    }
                    count = -count;
                    long blockBytes = c.readLong(sizeLabel);
                    if (blockBytes < 0 || blockBytes > c.remaining()) {
                        throw c.fail(blockBytes < 0 ? Reason.MALFORMED : Reason.TRUNCATED, path
                                + " block size " + blockBytes + " at byte " + c.pos + " exceeds the "
                                + c.remaining() + " bytes left");
                    }
                }
                checkCount(c, count, itemSize);
                for (long i = 0; i < count; i++) {
                    if (key != null) {
                        key.skip(c, depth + 1);
                    }
                    value.skip(c, depth + 1);
                }
            }
        }

        private void checkCount(Cursor c, long count, int itemSize) throws WireFormatException {
            if (itemSize == 0) {
                c.zeroByteItems += count;
                if (c.zeroByteItems > MAX_ZERO_BYTE_ITEMS) {
                    throw c.fail(Reason.MALFORMED, path + " claims " + count + " empty items; more than "
                            + MAX_ZERO_BYTE_ITEMS + " in one record is taken as corruption");
                }
            } else if (count > c.remaining() / itemSize) {
                throw c.fail(Reason.TRUNCATED, path + " claims " + count + " items of at least " + itemSize
                        + " bytes at byte " + c.pos + " but only " + c.remaining() + " bytes are left");
            }
        }
    }

    private static Node compile(Schema s, String path, Map<Schema, Record> records) {
        switch (s.getType()) {
            case NULL: return new Fixed(path, 0);
            case FLOAT: return new Fixed(path, 4);
            case DOUBLE: return new Fixed(path, 8);
            case FIXED: return new Fixed(path, s.getFixedSize());
            case BOOLEAN: return new Bool(path);
            case INT: return new Varint(path, true);
            case LONG: return new Varint(path, false);
            case STRING:
            case BYTES: return new LengthPrefixed(path);
            case ENUM: return new Indexed(path, null, s.getEnumSymbols().size());
            case ARRAY: return new Blocks(path, null, compile(s.getElementType(), path + "[]", records));
            case MAP: return new Blocks(path, new LengthPrefixed(path + " key"),
                    compile(s.getValueType(), path + "{}", records));
            case UNION: {
                List<Schema> types = s.getTypes();
                Node[] branches = new Node[types.size()];
                for (int i = 0; i < branches.length; i++) {
                    branches[i] = compile(types.get(i), path, records);
                }
                return new Indexed(path, branches, branches.length);
            }
            case RECORD: {
                Record seen = records.get(s);
                if (seen != null) {
                    return seen; // recursive schema: reuse the node (its minSize stays a safe lower bound)
                }
                Record record = new Record(path);
                records.put(s, record);
                List<Schema.Field> fields = s.getFields();
                Node[] nodes = new Node[fields.size()];
                int minSize = 0;
                for (int i = 0; i < nodes.length; i++) {
                    nodes[i] = compile(fields.get(i).schema(), path + "." + fields.get(i).name(), records);
                    minSize += nodes[i].minSize;
                }
                record.fields = nodes;
                record.minSize = minSize;
                return record;
            }
            default:
                throw new IllegalArgumentException("schema type " + s.getType() + " at " + path + " is not Avro");
        }
    }
}
