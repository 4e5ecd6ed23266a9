package dev.driftwise.streams.cli;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * Once a second, one line on stderr: elapsed time, samples so far, the rate over the last second,
 * and the concept (and drift phase, when not stable) each stream is emitting now.
 */
final class ProgressLine {

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int STREAMS_SHOWN = 6;

    private final PrintWriter err;
    private final List<? extends SampleStream> streams;
    private final GeneratedSample[] latest;
    private final boolean groundTruth;
    private final long startNanos;
    private long lastNanos;
    private long lastCount;

    ProgressLine(PrintWriter err, List<? extends SampleStream> streams, GeneratedSample[] latest, boolean groundTruth, long startNanos) {
        this.err = err;
        this.streams = streams;
        this.latest = latest;
        this.groundTruth = groundTruth;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    void maybePrint(long nowNanos, long count) {
        if (nowNanos - lastNanos < INTERVAL_NANOS) {
            return;
        }
        double rate = (count - lastCount) * 1e9 / (nowNanos - lastNanos);
        StringBuilder line = new StringBuilder(120);
        line.append(String.format("gen %5.0fs %,12d samples %,10.0f/s", (nowNanos - startNanos) / 1e9, count, rate));
        if (groundTruth) {
            for (int i = 0; i < Math.min(STREAMS_SHOWN, streams.size()); i++) {
                GeneratedSample s = latest[i];
                line.append(" | ").append(streams.get(i).streamId()).append(": c").append(s.conceptId);
                if (s.phase != dev.driftwise.schemas.DriftPhase.STABLE) {
                    line.append(' ').append(s.phase);
                }
            }
            if (streams.size() > STREAMS_SHOWN) {
                line.append(" | +").append(streams.size() - STREAMS_SHOWN).append(" streams");
            }
        }
        err.println(line);
        err.flush();
        lastNanos = nowNanos;
        lastCount = count;
    }
}
