/**
 * Where generated samples go: an idempotent Kafka producer (key = stream id, value = WireCodec
 * single-object {@code Sample}), Avro container files, CSV files, or nowhere (benchmarks). File
 * outputs are deterministic by seed: synthetic event times, a sync marker and run id derived from
 * the source.
 */
package dev.driftwise.streams.sink;
