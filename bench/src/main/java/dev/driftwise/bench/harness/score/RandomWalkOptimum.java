package dev.driftwise.bench.harness.score;

/**
 * The best an LMS learner can do on T2, a level z that walks by N(0, σ²) per sample seen through
 * N(0, 1) noise (x = 1): its steady-state Kalman filter. P(σ) is the filter's prior variance of the
 * level's error, the root of P² = σ²(P + 1):
 * <pre>
 *   P(σ)  = (σ² + √(σ⁴ + 4σ²)) / 2          best achievable MSE: 1 + P(σ)
 *   α*(σ) = (−σ² + √(σ⁴ + 4σ²)) / 2 = P / (1 + P) = σ² / P
 * </pre>
 * (benchmarks.md, T2; Degris et al. 2024). E.g. σ = 1: P = 1.618…, α* = 0.618… (the golden ratio's parts).
 */
public final class RandomWalkOptimum {

    private RandomWalkOptimum() {
    }

    /** P(σ): the excess of the best achievable MSE over the unit noise. */
    public static double excess(double sigma) {
        double s2 = sigma * sigma;
        return (s2 + Math.sqrt(s2 * s2 + 4 * s2)) / 2;
    }

    /** α*(σ), the best fixed step size for walk rate σ; 0 for σ = 0. */
    public static double bestStepSize(double sigma) {
        double p = excess(sigma);
        return p / (1 + p); // = (−σ² + √(σ⁴ + 4σ²)) / 2 without its cancellation at small σ
    }
}
