package dev.driftwise.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner key's bookkeeping besides the learner itself: counters, publication versions and source
 * positions (the prequential metrics are the learner's own, in its state). Encoded into Flink keyed
 * state at checkpoints, so a restore continues the versions without gaps or repeats.
 */
final class TrainerState {

    // 3: no metrics of its own (format 2 held a second copy of the learner's prequential metrics)
    private static final int FORMAT = 3;

    long samplesSeen;
    long modelVersion;
    long stepSizeVersion;
    long stepsAtLastModel;
    long stepsAtLastStepSizes;
    long samplesAtLastMetrics;
    long deadLetters;
    int lastConceptId = -1;
    final TreeMap<Integer, Long> nextOffsets = new TreeMap<>();
    MetaGradientWindow metaGradients = new MetaGradientWindow();

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(samplesSeen);
            out.writeLong(modelVersion);
            out.writeLong(stepSizeVersion);
            out.writeLong(stepsAtLastModel);
            out.writeLong(stepsAtLastStepSizes);
            out.writeLong(samplesAtLastMetrics);
            out.writeLong(deadLetters);
            out.writeInt(lastConceptId);
            out.writeInt(nextOffsets.size());
            for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue());
            }
            metaGradients.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a byte array cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote. */
    static TrainerState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException("trainer state has format " + format + ", this job reads " + FORMAT
                        + "; restore with the job version that wrote the savepoint");
            }
            long samplesSeen = in.readLong();
            long modelVersion = in.readLong();
            long stepSizeVersion = in.readLong();
            long stepsAtLastModel = in.readLong();
            long stepsAtLastStepSizes = in.readLong();
            long samplesAtLastMetrics = in.readLong();
            long deadLetters = in.readLong();
            int lastConceptId = in.readInt();
            TreeMap<Integer, Long> nextOffsets = new TreeMap<>();
            int partitions = in.readInt();
            for (int i = 0; i < partitions; i++) {
                nextOffsets.put(in.readInt(), in.readLong());
            }
            TrainerState s = new TrainerState();
            s.samplesSeen = samplesSeen;
            s.modelVersion = modelVersion;
            s.stepSizeVersion = stepSizeVersion;
            s.stepsAtLastModel = stepsAtLastModel;
            s.stepsAtLastStepSizes = stepsAtLastStepSizes;
            s.samplesAtLastMetrics = samplesAtLastMetrics;
            s.deadLetters = deadLetters;
            s.lastConceptId = lastConceptId;
            s.nextOffsets.putAll(nextOffsets);
            s.metaGradients = MetaGradientWindow.readFrom(in);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("trainer state of " + bytes.length + " bytes ends early or is corrupt ("
                    + e + "); restore from an intact checkpoint or savepoint", e);
        }
    }
}
