package dev.driftwise.jobs.publish;

/**
 * One encoded record for an output topic. The Kafka key is the stream id (a model chunk i > 0 is keyed
 * {@code streamId#i}); the partition is always the stream id's, so a stream's records stay in order on
 * one partition. A Flink POJO.
 */
public class OutputRecord {

    public String topic;
    public String key;
    /** The stream id whose partition the record goes to; null lets Kafka choose (records without a stream). */
    public String partitionKey;
    public byte[] value;

    public OutputRecord() {}

    public OutputRecord(String topic, String key, byte[] value) {
        this(topic, key, key, value);
    }

    public OutputRecord(String topic, String key, String partitionKey, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.partitionKey = partitionKey;
        this.value = value;
    }
}
