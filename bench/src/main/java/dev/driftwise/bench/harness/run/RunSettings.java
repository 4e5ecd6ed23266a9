package dev.driftwise.bench.harness.run;

/**
 * How every run of a bench is driven.
 *
 * @param samples samples per run
 * @param batch micro-batch size: samples per optimizer step (each still scored before the step)
 * @param pathPoints how many times along a run the step sizes are recorded (≥ 1; the last is at the end)
 */
public record RunSettings(long samples, int batch, int pathPoints) {

    public RunSettings {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples " + samples + ": must be at least 1");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch " + batch + ": must be at least 1 sample per step");
        }
        if (pathPoints < 1) {
            throw new IllegalArgumentException("--path-points " + pathPoints + ": must be at least 1");
        }
    }
}
