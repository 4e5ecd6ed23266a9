/**
 * Rate control: one token bucket at the run's total rate, and a weighted fair order that gives each
 * stream its share, so per-stream rates hold without a bucket (or a thread) per stream.
 */
package dev.driftwise.streams.rate;
