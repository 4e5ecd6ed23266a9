package dev.driftwise.serving;

import dev.driftwise.learner.input.MicroBatch;
import java.time.Duration;

/** The README's example, compiled with the tests so it cannot rot. Not run (it serves forever). */
public final class ServeLatest {
    public static void main(String[] args) throws Exception {
        try (SnapshotClient client = SnapshotClient.builder("localhost:9092")    // reads driftwise.models
                .optOnRejected(r -> System.err.println(r))                       // corrupt snapshots: reason, previous model kept
                .build().start()) {
            client.awaitVersion("sensor-7", 1, Duration.ofSeconds(30));         // first model of the stream
            float[] features = new float[20];                                    // one sample, as the stream sends it
            while (true) {
                try (ModelLease model = client.acquire("sensor-7",
                        Freshness.maxAge(Duration.ofMinutes(5)).andMaxVersionLag(1))) {
                    MicroBatch batch = model.newBatch(1).add(features, 0);        // target unused for prediction
                    double yHat = model.predict(batch)[0];
                    System.out.printf("v%d (age %s): %.4f%n", model.version(), model.ageAtLease(), yHat);
                } catch (NoFreshModelException e) {
                    System.err.println(e.getMessage());                          // says how old / how far behind, and why
                }
                Thread.sleep(1000);
            }
        }
    }
}
