package dev.driftwise.jobs.source;

/**
 * One Kafka record as read, before decoding: the bytes and where they came from, so a record that
 * cannot be learned from goes to the dead-letter topic byte for byte with its position.
 * A Flink POJO (public fields, no-arg constructor) so it travels without Kryo.
 */
public class SourceRecord {

    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;

    public SourceRecord() {}

    public SourceRecord(byte[] key, byte[] value, String topic, int partition, long offset) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
