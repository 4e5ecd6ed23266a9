package dev.driftwise.streams.sink;

import dev.driftwise.streams.SampleStream;
import java.time.Instant;
import java.util.function.LongUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The event time stamped on a sample: the wall clock when it goes to Kafka, or a synthetic clock
 * for files ({@code start + seq / rate}), so the same seed writes the same bytes.
 */
@FunctionalInterface
public interface EventTimes {

    /** For one stream: sequence number to epoch milliseconds. */
    LongUnaryOperator forStream(SampleStream stream);

    static EventTimes wallClock() {
        return stream -> seq -> System.currentTimeMillis();
    }

    /**
     * Sample {@code seq} of a stream at {@code start + seq / rate(stream)}; a stream whose rate is 0
     * is spaced 1 ms apart.
     */
    static EventTimes synthetic(Instant start, ToDoubleFunction<SampleStream> ratePerSecond) {
        long startMillis = start.toEpochMilli();
        return stream -> {
            double rate = ratePerSecond.applyAsDouble(stream);
            double millisPerSample = rate > 0 ? 1000.0 / rate : 1.0;
            return seq -> startMillis + (long) Math.floor(seq * millisPerSample);
        };
    }
}
