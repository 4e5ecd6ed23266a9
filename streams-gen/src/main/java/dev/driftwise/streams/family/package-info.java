/**
 * Task families: learning tasks that exist in several concepts and draw a sample from any of them
 * (T1 sutton, T3 linear, T5 hyperplane, T6 sea, T7 permuted, rbf, agrawal), each deterministic by seed
 * with separate random substreams for inputs, concept changes and noise ({@link dev.driftwise.streams.family.StreamRandoms}).
 */
package dev.driftwise.streams.family;
