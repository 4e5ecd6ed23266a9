package dev.driftwise.streams.cli;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.rate.FairOrder;
import dev.driftwise.streams.rate.RatePlan;
import dev.driftwise.streams.rate.TokenBucket;
import dev.driftwise.streams.sink.SampleSink;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Drives the streams into a sink: the rate plan picks the next stream and paces the run, each
 * stream writes into its own reused buffer, and the run ends after {@code limit} samples in total,
 * after {@code maxNanos}, or when {@code stopRequested} turns true (Ctrl-C). The sink is flushed at
 * the end but not closed: the caller owns it.
 */
final class GenerationLoop {

    /** What a run did. */
    record Summary(long samples, long[] perStream, double seconds, boolean stoppedEarly) {
        double rate() {
            return seconds > 0 ? samples / seconds : 0;
        }
    }

    /** How often an unpaced run looks at the clock: often enough for 1 s progress, rarely enough to be free. */
    private static final int CLOCK_CHECK_MASK = 1023;

    private final List<? extends SampleStream> streams;
    private final RatePlan plan;
    private final SampleSink sink;
    private final long limit;
    private final long maxNanos;
    private final BooleanSupplier stopRequested;
    private final ProgressLineFactory progress;

    /** Builds the progress reporter once buffers exist; null for no progress. */
    interface ProgressLineFactory {
        ProgressLine create(GeneratedSample[] latest, long startNanos);
    }

    GenerationLoop(List<? extends SampleStream> streams, RatePlan plan, SampleSink sink, long limit, long maxNanos,
                   BooleanSupplier stopRequested, ProgressLineFactory progress) {
        this.streams = streams;
        this.plan = plan;
        this.sink = sink;
        this.limit = limit;
        this.maxNanos = maxNanos;
        this.stopRequested = stopRequested;
        this.progress = progress;
    }

    Summary run() throws Exception {
        int k = streams.size();
        GeneratedSample[] buffers = new GeneratedSample[k];
        for (int i = 0; i < k; i++) {
            buffers[i] = new GeneratedSample(streams.get(i).featureCount());
        }
        long[] perStream = new long[k];
        FairOrder order = plan.order();
        TokenBucket bucket = plan.bucket();
        long start = System.nanoTime();
        ProgressLine line = progress == null ? null : progress.create(buffers, start);
        boolean timed = maxNanos != Long.MAX_VALUE;
        long deadline = start + (timed ? maxNanos : 0);
        long n = 0;
        boolean early = false;
        while (n < limit) {
            if (bucket != null || (n & CLOCK_CHECK_MASK) == 0) {
                long now = System.nanoTime();
                if (timed && now - deadline >= 0) {
                    break;
                }
                if (line != null) {
                    line.maybePrint(now, n);
                }
                if (stopRequested.getAsBoolean()) {
                    early = true;
                    break;
                }
            }
            if (bucket != null) {
                bucket.acquire();
            }
            int i = order.next();
            SampleStream stream = streams.get(i);
            stream.next(buffers[i]);
            sink.accept(stream, buffers[i]);
            perStream[i]++;
            n++;
        }
        sink.flush();
        return new Summary(n, perStream, (System.nanoTime() - start) / 1e9, early);
    }
}
