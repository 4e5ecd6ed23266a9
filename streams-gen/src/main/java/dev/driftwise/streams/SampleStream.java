package dev.driftwise.streams;

/**
 * An endless, deterministic (by seed) stream of samples for one stream id: a task family wrapped
 * in its drift schedule. Not thread-safe; one thread drives one stream.
 */
public interface SampleStream {

    /** Kafka key and learner key of this stream. */
    String streamId();

    /** Length of every sample's feature vector. */
    int featureCount();

    /** "regression", "binary" or "multiclass:<k>": what the target means. */
    String targetKind();

    /** Target rate in samples/s from the scenario, or 0 when the scenario sets none. */
    double ratePerSecond();

    /** Writes the next sample (seq, features, target, ground truth) into {@code into}. */
    void next(GeneratedSample into);
}
