package dev.driftwise.dashboard.testkit;

import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the training job and the generator write for two streams, tick by tick: a classification
 * stream "sea" (abrupt drift at sample 20,000) and a regression stream "friedman" (gradual drift at
 * 30,000); every tick is 1,000 samples: metrics, step sizes, one sample with its ground truth, and
 * every 5th tick a model snapshot. Curves look like learning under drift: error falls, jumps at a drift,
 * falls again; α moves with it. Deterministic (seeded).
 */
public final class LiveTraffic {

    private static final WireCodec CODEC = WireCodec.standard();
    private final EmbeddedKafka kafka;
    private final Random random = new Random(7);
    private long tick;

    public LiveTraffic(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    public long ticks() {
        return tick;
    }

    /** Writes the next {@code n} ticks, each topic in one committed transaction. */
    public void next(int n) {
        List<KeyedValue> metrics = new ArrayList<>();
        List<KeyedValue> steps = new ArrayList<>();
        List<KeyedValue> samples = new ArrayList<>();
        List<KeyedValue> models = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            tick++;
            long seen = tick * 1000;
            double sinceSea = seen < 20_000 ? seen : seen - 20_000;
            double seaAccuracy = 0.93 - 0.4 * Math.exp(-sinceSea / 4000.0) + 0.01 * random.nextGaussian();
            metrics.add(new KeyedValue("sea", CODEC.encode(Records.metrics("sea", seen, 1 - seaAccuracy, seaAccuracy, now))));
            double sinceFriedman = seen < 30_000 ? seen : seen - 30_000;
            double loss = 0.2 + 3.0 * Math.exp(-sinceFriedman / 6000.0) + 0.03 * random.nextGaussian();
            metrics.add(new KeyedValue("friedman", CODEC.encode(Records.metrics("friedman", seen, loss, null, now))));
            double seaAlpha = 1e-3 * Math.exp(-sinceSea / 8000.0) + 5e-5;
            steps.add(new KeyedValue("sea", CODEC.encode(Records.stepSizes("sea", tick, seen, now, seaAlpha))));
            steps.add(new KeyedValue("friedman", CODEC.encode(Records.stepSizes("friedman", tick, seen, now,
                    3e-3 * Math.exp(-sinceFriedman / 10000.0) + 1e-4, 4e-4 * Math.exp(-sinceFriedman / 20000.0) + 2e-5))));
            samples.add(new KeyedValue("sea", CODEC.encode(Records.sample("sea", seen, seen < 20_000 ? 0 : 1, seen < 20_000 ? 0 : 1,
                    seen == 20_000 ? DriftPhase.ABRUPT : DriftPhase.STABLE, null))));
            boolean gradual = seen >= 30_000 && seen < 35_000;
            samples.add(new KeyedValue("friedman", CODEC.encode(Records.sample("friedman", seen, seen < 35_000 ? 0 : 1,
                    seen < 30_000 ? 0 : 1, gradual ? DriftPhase.GRADUAL : DriftPhase.STABLE, gradual ? 0 : null))));
            if (tick % 5 == 0) {
                models.add(new KeyedValue("sea", CODEC.encode(Records.model("sea", tick / 5, 0, 1, now))));
                models.add(new KeyedValue("friedman", CODEC.encode(Records.model("friedman", tick / 5, 0, 1, now))));
            }
        }
        kafka.send(TopicKind.METRICS.defaultTopic(), metrics);
        kafka.send(TopicKind.STEPSIZES.defaultTopic(), steps);
        kafka.send(TopicKind.SAMPLES.defaultTopic(), samples);
        if (!models.isEmpty()) {
            kafka.send(TopicKind.MODELS.defaultTopic(), models);
        }
    }
}
