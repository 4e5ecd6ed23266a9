/**
 * Flink jobs of driftwise. The online training job (Kafka samples in, one learner per stream,
 * model and step-size snapshots out, exactly once) lands here with its own issue; this package
 * exists so the module tree already shows the architecture.
 */
package dev.driftwise.jobs;
