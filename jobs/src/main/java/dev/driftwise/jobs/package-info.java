/**
 * Flink jobs of driftwise. {@link dev.driftwise.jobs.OnlineTrainingJob}: Kafka samples in, one learner
 * per stream, model and step-size snapshots, prequential metrics and dead letters out, exactly once.
 * Packages: {@code options} (flags), {@code source} (raw records with positions), {@code decode}
 * (bytes to samples or rejections), {@code learn} (the learner interface and factories), {@code train}
 * (per-key logic, no Flink), {@code publish} (Avro encoding, chunking), {@code pipeline} (the Flink graph).
 */
package dev.driftwise.jobs;
