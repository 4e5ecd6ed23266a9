package dev.driftwise.jobs.publish;

/** One encoded record for an output topic; key = stream id (learner key). A Flink POJO. */
public class OutputRecord {

    public String topic;
    public String key;
    public byte[] value;

    public OutputRecord() {}

    public OutputRecord(String topic, String key, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }
}
