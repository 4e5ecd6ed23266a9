package dev.driftwise.jobs.testing;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic linear-regression streams with abrupt drifts: y = w_c · x + noise, x ~ N(0, 1)^d, and
 * the concept c (a fresh random w) changes every {@code driftEvery} samples. Samples of several streams
 * are interleaved round robin, as a producer writing them concurrently would.
 */
public final class DriftingStreams {

    private DriftingStreams() {}

    public static List<Sample> regression(List<String> streams, int perStream, int d, int driftEvery, long seed) {
        List<List<Sample>> each = new ArrayList<>();
        for (int s = 0; s < streams.size(); s++) {
            each.add(stream(streams.get(s), perStream, d, driftEvery, seed + 7919L * s));
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < perStream; i++) {
            for (List<Sample> e : each) {
                out.add(e.get(i));
            }
        }
        return out;
    }

    private static List<Sample> stream(String id, int n, int d, int driftEvery, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        List<Sample> out = new ArrayList<>(n);
        int concept = -1;
        for (int i = 0; i < n; i++) {
            boolean drift = i % driftEvery == 0;
            if (drift) {
                concept++;
                for (int j = 0; j < d; j++) {
                    w[j] = gaussian(rnd);
                }
            }
            List<Float> x = new ArrayList<>(d);
            double y = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) gaussian(rnd);
                x.add(v);
                y += w[j] * v;
            }
            y += 0.05 * gaussian(rnd);
            out.add(Sample.newBuilder().setStreamId(id).setSeq(i).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
                    .setFeatures(x).setTarget(y)
                    .setGroundTruth(GroundTruth.newBuilder().setConceptId(concept).setDriftIndex(concept)
                            .setPhase(drift && i > 0 ? DriftPhase.ABRUPT : DriftPhase.STABLE).build())
                    .setSource("test:drifting-linear seed " + seed).build());
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble()); // Box–Muller
    }
}
