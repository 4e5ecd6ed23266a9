package dev.driftwise.streams.sink;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;

/** Throws samples away after reading their target: measures the generator alone (benchmarks). */
public final class DiscardingSink implements SampleSink {

    private double checksum;

    @Override
    public void accept(SampleStream stream, GeneratedSample sample) {
        // read something the generator wrote so its work cannot be optimised away
        checksum += sample.target + (sample.features.length > 0 ? sample.features[0] : 0);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** Sum of targets and first features seen, so a caller can print it and keep the work honest. */
    public double checksum() {
        return checksum;
    }
}
