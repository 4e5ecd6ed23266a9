package dev.driftwise.streams.rate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast a run emits and how it shares samples between streams, resolved once from the user's
 * flags and the scenario's per-stream rates:
 * <ul>
 *   <li>{@code --rate-per-stream R}: every stream at R samples/s (total K·R);</li>
 *   <li>{@code --rate R}: R samples/s in total, shared in proportion to the scenario rates (equally
 *       when the scenario sets none);</li>
 *   <li>neither: the scenario's own rates, or as fast as the sink takes when it sets none (or when
 *       {@code unlimited} is asked for).</li>
 * </ul>
 * One token bucket at the total rate paces the run; {@link FairOrder} with the per-stream weights
 * picks who goes next, so each stream gets its own rate without a bucket per stream.
 */
public final class RatePlan {

    private final double[] weights;
    private final double totalRate;

    private RatePlan(double[] weights, double totalRate) {
        this.weights = weights;
        this.totalRate = totalRate;
    }

    /** Thrown for a combination of flags and scenario rates that cannot be honoured; names the fix. */
    public static final class InvalidRate extends IllegalArgumentException {
        public InvalidRate(String message) {
            super(message);
        }
    }

    /**
     * @param total          {@code --rate}, or null
     * @param perStream      {@code --rate-per-stream}, or null
     * @param unlimited      ignore every rate and go as fast as the sink takes
     * @param scenarioRates  each stream's own rate in samples/s, 0 where the scenario sets none
     * @param streamIds      the stream ids, for messages
     */
    public static RatePlan resolve(Double total, Double perStream, boolean unlimited,
                                   double[] scenarioRates, List<String> streamIds) {
        int k = scenarioRates.length;
        if (unlimited) {
            return new RatePlan(ones(k), 0);
        }
        if (perStream != null) {
            return new RatePlan(ones(k), perStream * k);
        }
        List<String> withRate = new ArrayList<>();
        List<String> withoutRate = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            (scenarioRates[i] > 0 ? withRate : withoutRate).add(streamIds.get(i) + (scenarioRates[i] > 0 ? " at " + scenarioRates[i] + "/s" : ""));
        }
        if (!withRate.isEmpty() && !withoutRate.isEmpty()) {
            throw new InvalidRate("the scenario sets a rate for some streams (" + String.join(", ", withRate)
                    + ") but not for others (" + String.join(", ", withoutRate)
                    + "); give every stream a rate in the scenario, or use --rate-per-stream R or --no-rate-limit");
        }
        double[] w = withRate.isEmpty() ? ones(k) : scenarioRates.clone();
        if (total != null) {
            return new RatePlan(w, total);
        }
        return new RatePlan(w, withRate.isEmpty() ? 0 : Arrays.stream(scenarioRates).sum());
    }

    private static double[] ones(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** True when the run waits for tokens; false means as fast as the sink takes. */
    public boolean paced() {
        return totalRate > 0;
    }

    /** Samples/s over all streams; 0 when not paced. */
    public double totalRate() {
        return totalRate;
    }

    /** Rate of stream i in samples/s; 0 when not paced. */
    public double streamRate(int i) {
        return totalRate * weights[i] / Arrays.stream(weights).sum();
    }

    public FairOrder order() {
        return new FairOrder(weights);
    }

    /** A fresh bucket at the total rate, or null when not paced. */
    public TokenBucket bucket() {
        return paced() ? new TokenBucket(totalRate) : null;
    }

    @Override
    public String toString() {
        return paced() ? String.format("%.6g samples/s in total", totalRate) : "unpaced";
    }
}
