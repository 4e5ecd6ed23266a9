package dev.driftwise.jobs.train;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner key's bookkeeping besides the learner itself: counters, publication versions, metric
 * accumulators and source positions. Encoded into Flink keyed state whenever it changes, so a restore
 * continues the versions without gaps or repeats.
 */
final class TrainerState {

    private static final int FORMAT = 1;

    long samplesSeen;
    long modelVersion;
    long stepSizeVersion;
    long stepsAtLastModel;
    long stepsAtLastStepSizes;
    long samplesAtLastMetrics;
    long deadLetters;
    int lastConceptId = -1;
    final TreeMap<Integer, Long> nextOffsets = new TreeMap<>();
    PrequentialTracker metrics;
    MetaGradientWindow metaGradients = new MetaGradientWindow();

    TrainerState(Cadence cadence) {
        metrics = new PrequentialTracker(cadence.metricsWindow(), cadence.fadingFactor());
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * 7 + 4 + 4 + nextOffsets.size() * 12
                + metrics.encodedSize() + metaGradients.encodedSize());
        b.putInt(FORMAT).putLong(samplesSeen).putLong(modelVersion).putLong(stepSizeVersion).putLong(stepsAtLastModel)
                .putLong(stepsAtLastStepSizes).putLong(samplesAtLastMetrics).putLong(deadLetters).putInt(lastConceptId);
        b.putInt(nextOffsets.size());
        for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
            b.putInt(e.getKey()).putLong(e.getValue());
        }
        metrics.writeTo(b);
        metaGradients.writeTo(b);
        return b.array();
    }

    static TrainerState decode(byte[] bytes, Cadence cadence) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int format = b.getInt();
        if (format != FORMAT) {
            throw new IllegalStateException("trainer state has format " + format + ", this job reads " + FORMAT
                    + "; restore with the job version that wrote the savepoint");
        }
        TrainerState s = new TrainerState(cadence);
        s.samplesSeen = b.getLong();
        s.modelVersion = b.getLong();
        s.stepSizeVersion = b.getLong();
        s.stepsAtLastModel = b.getLong();
        s.stepsAtLastStepSizes = b.getLong();
        s.samplesAtLastMetrics = b.getLong();
        s.deadLetters = b.getLong();
        s.lastConceptId = b.getInt();
        int partitions = b.getInt();
        for (int i = 0; i < partitions; i++) {
            s.nextOffsets.put(b.getInt(), b.getLong());
        }
        s.metrics = PrequentialTracker.readFrom(b);
        s.metaGradients = MetaGradientWindow.readFrom(b);
        return s;
    }
}
