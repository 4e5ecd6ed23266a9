package dev.driftwise.jobs.decode;

import dev.driftwise.jobs.source.SourceRecord;

/**
 * A decoded sample on its way to its learner, still carrying the raw record so a sample the
 * learner rejects (wrong feature count, NaN, class out of range) reaches the dead-letter topic
 * byte for byte. Crosses the keyBy shuffle through {@link LabeledSampleSerializer}.
 */
public class LabeledSample {

    /** Key of the learner that trains on it: the stream id, or the global key in global mode. */
    public String learnerKey;
    public String streamId;
    public long seq;
    public float[] features;
    public double target;
    /** Ground-truth concept from the generator, or -1 when the sample carries none. */
    public int conceptId = -1;
    public SourceRecord source;

    public LabeledSample() {}

    public LabeledSample(String learnerKey, String streamId, long seq, float[] features, double target, int conceptId,
                         SourceRecord source) {
        this.learnerKey = learnerKey;
        this.streamId = streamId;
        this.seq = seq;
        this.features = features;
        this.target = target;
        this.conceptId = conceptId;
        this.source = source;
    }

    public String getLearnerKey() {
        return learnerKey;
    }
}
