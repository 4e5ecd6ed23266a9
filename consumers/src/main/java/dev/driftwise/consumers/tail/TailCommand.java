package dev.driftwise.consumers.tail;

import dev.driftwise.kafka.settings.KafkaClientOptions;
import dev.driftwise.kafka.settings.KafkaProblems;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.schemas.wire.WireCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwise tail}: prints the records of a driftwise topic, one JSON line each. */
@Command(name = "driftwise tail", mixinStandardHelpOptions = true, sortOptions = false, version = "driftwise tail 0.1.0-SNAPSHOT",
        description = {"Print the records of a driftwise topic as JSON lines (tensors summarised: name, shape, min/max/mean).",
            "Undecodable records print a line with \"error\" instead of stopping the tail."},
        footer = {"", "Examples:", "  ./driftwise tail metrics --from-beginning --stream s1",
            "  ./driftwise tail models --follow --bootstrap kafka:9092"})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Which topic (any case): ${COMPLETION-CANDIDATES}")
    TopicKind kind;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: bootstrap.servers in --kafka-config, else localhost:9092)")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafkaOptions = new KafkaClientOptions();

    @Option(names = "--topic", description = "Topic name, if not the default for TOPIC (driftwise.<topic>)")
    String topic;

    @Option(names = "--stream", paramLabel = "ID", description = "Only records of this stream id")
    String stream;

    @Option(names = "--from-beginning", description = "Start at the earliest record (default: only records written from now on)")
    boolean fromBeginning;

    @Option(names = "--follow", description = "Keep waiting for new records (Ctrl-C stops); otherwise stop once caught up")
    boolean follow;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "0",
            description = "Stop after printing N records (0: no limit)")
    long maxRecords;

    private static volatile boolean interrupted;

    private final PrintWriter out;
    private final PrintWriter err;

    public TailCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // stdout is the JSON; the client's reconnect warnings would bury the one error line we print
        quietByDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        quietByDefault("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        if (!interrupted) { // after Ctrl-C the JVM is already exiting; System.exit would block in the hook's shadow
            System.exit(code);
        }
    }

    private static void quietByDefault(String property, String level) {
        System.setProperty(property, System.getProperty(property, level));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new TailCommand(out, err)).setCaseInsensitiveEnumValuesAllowed(true).setOut(out).setErr(err);
    }

    @Override
    public Integer call() {
        if (maxRecords < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-records '" + maxRecords
                    + "': allowed: a whole number >= 0 (0 = no limit)");
        }
        String name = topic != null ? topic : kind.defaultTopic();
        RecordLine lines = new RecordLine(WireCodec.standard(), kind);
        KafkaSettings kafka;
        try {
            kafka = kafkaOptions.settings(bootstrap, "localhost:9092", err);
            OutputTopicConsumer.properties(kafka, "driftwise-tail");
        } catch (KafkaSettingsException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (KafkaConsumer<String, byte[]> consumer = OutputTopicConsumer.open(kafka, "driftwise-tail")) {
            Thread tailing = Thread.currentThread();
            Thread hook = new Thread(() -> { // Ctrl-C: end the poll, let the consumer close, then let the JVM go
                interrupted = true;
                consumer.wakeup();
                try {
                    tailing.join(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return tail(consumer, name, lines, kafka.bootstrapServers());
            } catch (WakeupException e) {
                return 0; // Ctrl-C
            } finally {
                removeHook(hook);
            }
        } catch (KafkaException e) {
            err.println("driftwise tail: reading " + name + " failed: " + KafkaProblems.explain(e, kafka));
            return 1;
        }
    }

    private int tail(KafkaConsumer<String, byte[]> consumer, String name, RecordLine lines, String bootstrap) {
        List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            err.println("driftwise tail: topic '" + name + "' does not exist on " + bootstrap
                    + ". Name it with --topic, or start the job with --create-topics.");
            return 1;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(name, p.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // read_committed: the end is the last stable offset, so "caught up" means every committed record
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long printed = 0;
        while ((follow || !caughtUp(consumer, end)) && (maxRecords == 0 || printed < maxRecords)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                RecordLine.Decoded d = lines.decode(r.value());
                if ((stream == null || stream.equals(d.streamId(r.key()))) && (maxRecords == 0 || printed < maxRecords)) {
                    out.println(lines.format(r, d));
                    printed++;
                }
            }
            out.flush();
        }
        return 0;
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook has run
        }
    }
}
