package dev.driftwise.serving.testing;

import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.schemas.FeatureStatistics;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.snapshot.FeatureStatisticsTensors;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** ModelSnapshot records laid out as the training job's publisher writes them: parameters, then feature statistics. */
public final class Published {

    private Published() {
    }

    /** Every model kind the job trains (linear, logistic, softmax, MLP for two tasks), each with and without standardisation. */
    public static List<ModelSpec> everyModelKind(int inputs) {
        List<ModelSpec> plain = List.of(ModelSpec.linearRegression(inputs), ModelSpec.logisticRegression(inputs),
                ModelSpec.softmaxRegression(inputs, 3), ModelSpec.mlp(inputs, new int[] {16}, Activation.RELU, Task.MULTICLASS, 3),
                ModelSpec.mlp(inputs, new int[] {8, 4}, Activation.TANH, Task.REGRESSION, 0));
        List<ModelSpec> all = new ArrayList<>();
        for (ModelSpec s : plain) {
            all.add(s.withSeed(11));
            all.add(s.withSeed(11).withStandardization(true));
        }
        return all;
    }

    /** What the job publishes for this learner as version {@code version}. */
    public static ModelSnapshot of(String stream, long version, OnlineLearner learner, Instant createdAt) {
        List<Tensor> tensors = new ArrayList<>();
        for (ParameterTensor t : learner.parameters()) {
            tensors.add(Snapshots.tensor(t.name(), t.shape(), t.data()));
        }
        return withStatistics(Snapshots.build(stream, version, learner.spec().toCanonicalString(), tensors, createdAt),
                learner.featureStatistics().orElse(null));
    }

    /** A chunk as a Kafka record: its key ({@code streamId}, {@code streamId#i}) and its single-object bytes. */
    public static KeyedValue record(ModelSnapshot chunk) {
        return new KeyedValue(ModelSnapshotChunker.kafkaKey(chunk), WireCodec.standard().encode(chunk));
    }

    /** The snapshot with the statistics appended as the publisher appends them (unchanged when null). */
    public static ModelSnapshot withStatistics(ModelSnapshot s, FeatureStandardizer.Statistics statistics) {
        if (statistics == null) {
            return s;
        }
        List<Tensor> tensors = new ArrayList<>(s.getTensors());
        tensors.addAll(FeatureStatisticsTensors.encode(statistics.mean(), statistics.m2()));
        return ModelSnapshot.newBuilder(s).setTensors(tensors)
                .setFeatureStatistics(FeatureStatistics.newBuilder().setCount(statistics.count()).build()).build();
    }
}
