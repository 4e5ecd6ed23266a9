package dev.driftwise.streams.sink;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;

/** Where generated samples go: Kafka, a file, or nowhere (benchmarks). */
public interface SampleSink extends AutoCloseable {

    /** Writes one sample of {@code stream}; the buffer is reused by the caller after this returns. */
    void accept(SampleStream stream, GeneratedSample sample) throws Exception;

    /** Pushes buffered samples out (end of run, or periodically). */
    void flush() throws Exception;

    @Override
    void close() throws Exception;
}
