/**
 * Scenarios: JSON files (or built-ins under {@code dev/driftwise/streams/scenarios/} on the classpath) that name streams,
 * their families, parameters, drift schedules, seeds and rates; {@link dev.driftwise.streams.scenario.Scenarios#load}
 * reads and checks them. The format is described in {@code streams-gen/README.md}.
 */
package dev.driftwise.streams.scenario;
