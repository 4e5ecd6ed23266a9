/**
 * The {@code driftwise gen} command: flags ({@link dev.driftwise.streams.cli.GenCommand}), their
 * cross-checks (exit code 2), the generation loop (pace, order, stop on count, duration or
 * Ctrl-C) and the once-a-second progress line. Runtime failures exit with 1 and one clear line.
 */
package dev.driftwise.streams.cli;
