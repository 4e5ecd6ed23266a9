package dev.driftwise.jobs.train;

/** One sample of the open micro-batch, as kept in Flink list state until its batch closes. A Flink POJO. */
public class PendingSample {

    public float[] features;
    public double target;
    public int partition;
    public long offset;
    public int conceptId;

    public PendingSample() {}

    public PendingSample(float[] features, double target, int partition, long offset, int conceptId) {
        this.features = features;
        this.target = target;
        this.partition = partition;
        this.offset = offset;
        this.conceptId = conceptId;
    }
}
