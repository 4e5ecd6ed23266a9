package dev.driftwise.streams.cli;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test catalog, independent of the generator library: scenario "tiny-K" has K linear-regression
 * streams of 3 features whose weight vector flips sign every 50 samples (an abrupt drift), seeded
 * per stream; "tiny-K@R" gives every stream a rate of R samples/s.
 */
final class TinyScenarios implements ScenarioCatalog {

    @Override
    public List<String> builtInNames() {
        return List.of("tiny-1", "tiny-4");
    }

    @Override
    public long seedOf(Scenario scenario) {
        return ((Tiny) scenario).seed;
    }

    /** Without a seed override a tiny scenario uses seed 1, like the library's files. */
    @Override
    public Scenario load(String nameOrFile, Long seedOverride) {
        long seed = seedOverride != null ? seedOverride : 1;
        if (!nameOrFile.startsWith("tiny-")) {
            throw new IllegalArgumentException("'" + nameOrFile + "' is not a scenario; built-ins: " + builtInNames());
        }
        String[] parts = nameOrFile.substring(5).split("@");
        int k = Integer.parseInt(parts[0]);
        double rate = parts.length > 1 ? Double.parseDouble(parts[1]) : 0;
        List<SampleStream> streams = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            streams.add(new FlippingLinear("s" + i, seed * 31 + i, rate));
        }
        return new Tiny(nameOrFile, seed, streams);
    }

    private record Tiny(String name, long seed, List<SampleStream> streams) implements Scenario {
    }

    /** y = ±(x0 + 2 x1 - x2) + small noise; the sign flips every 50 samples. */
    static final class FlippingLinear implements SampleStream {
        private final String id;
        private final SplittableRandom random;
        private final double rate;
        private long seq;

        FlippingLinear(String id, long seed, double rate) {
            this.id = id;
            this.random = new SplittableRandom(seed);
            this.rate = rate;
        }

        @Override
        public String streamId() {
            return id;
        }

        @Override
        public int featureCount() {
            return 3;
        }

        @Override
        public String targetKind() {
            return "regression";
        }

        @Override
        public double ratePerSecond() {
            return rate;
        }

        @Override
        public void next(GeneratedSample into) {
            int concept = (int) (seq / 50) % 2;
            double y = 0;
            double[] w = {1, 2, -1};
            for (int i = 0; i < 3; i++) {
                into.features[i] = (float) random.nextGaussian();
                y += w[i] * into.features[i];
            }
            into.target = (concept == 0 ? y : -y) + 0.01 * random.nextGaussian();
            into.conceptId = concept;
            into.driftIndex = (int) (seq / 50);
            into.phase = seq > 0 && seq % 50 == 0 ? DriftPhase.ABRUPT : DriftPhase.STABLE;
            into.seq = seq++;
        }
    }
}
