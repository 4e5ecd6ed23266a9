/**
 * Drift shapes that compose with any task family: a concept schedule (abrupt switches, MOA-sigmoid
 * gradual mixtures, recurring cycles) decides which concept each sample comes from; motion windows
 * move a family's parameters continuously (incremental drift). Every sample carries its ground truth.
 */
package dev.driftwise.streams.drift;
