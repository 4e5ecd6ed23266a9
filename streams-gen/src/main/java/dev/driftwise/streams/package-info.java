/** Drifting stream generator: task families, drift shapes, scenarios and their outputs. */
package dev.driftwise.streams;
