package dev.driftwise.cli.progress;

import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's metrics, step-size and model topics ({@code read_committed}: what a checkpoint
 * committed) and the samples' ground truth (where drifts begin) from their ends at start, into one
 * {@link StreamHistory} per stream. Runs on its own
 * thread until {@link #close()}.
 */
public final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, StreamHistory> histories = new ConcurrentHashMap<>();
    private final Consumer<String> events;
    private final WireCodec codec = WireCodec.standard();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * Positions itself at the topics' current ends before returning, so everything the job publishes
     * after this call is seen, and nothing an earlier run left on an external broker.
     *
     * @param events receives one line per drift seen, as it happens
     */
    public OutputWatcher(KafkaSettings kafka, Collection<String> topics, Consumer<String> events) {
        this.events = events;
        Properties p = kafka.forClient(ClientKind.CONSUMER)
                .withDefault(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024)
                .require(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", "the progress shows what the job committed")
                .require(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", "the progress reader keeps no group offsets")
                .build();
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, not lazily at the first poll
        thread = new Thread(this::pollLoop, "demo-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    accept(r.value());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(byte[] value) {
        SpecificRecord record;
        try {
            record = codec.decodeAny(value);
        } catch (Exception e) {
            return; // not ours (an older writer on an external broker): the progress shows what it can
        }
        if (record instanceof PrequentialMetrics m) {
            history(m.getStreamId()).addMetrics(new StreamHistory.MetricsPoint(m.getSamplesSeen(),
                    m.getCreatedAt().toEpochMilli(), m.getWindowLoss(), m.getWindowAccuracy(), m.getSamplesPerSecond(), m.getConceptId()));
        } else if (record instanceof Sample s && s.getGroundTruth() != null) {
            GroundTruth g = s.getGroundTruth();
            StreamHistory.Drift drift = history(s.getStreamId()).noteGroundTruth(s.getSeq(), g.getDriftIndex(),
                    g.getPhase().name(), g.getConceptId(), g.getFromConceptId() == null ? -1 : g.getFromConceptId());
            if (drift != null) {
                events.accept(String.format(Locale.ROOT, "DRIFT %s: %s, from sample %,d", s.getStreamId(), drift.label(), drift.samples()));
            }
        } else if (record instanceof StepSizeSnapshot s) {
            Map<String, Double> alphas = new LinkedHashMap<>();
            for (StepSizeBlock b : s.getBlocks()) {
                alphas.put(b.getName(), b.getAlpha());
            }
            history(s.getStreamId()).addAlphas(s.getSamplesSeen(), alphas);
        } else if (record instanceof ModelSnapshot snapshot && snapshot.getChunkIndex() == 0) {
            history(snapshot.getStreamId()).addModelVersion(snapshot.getVersion());
        }
    }

    private StreamHistory history(String streamId) {
        return histories.computeIfAbsent(streamId, StreamHistory::new);
    }

    /** The history of a stream (empty until its first record arrives). */
    public StreamHistory historyOf(String streamId) {
        return history(streamId);
    }

    /** The first error that stopped the watcher, or null. */
    public Exception failure() {
        return failure;
    }

    /** Stops reading; the histories keep what was read. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
