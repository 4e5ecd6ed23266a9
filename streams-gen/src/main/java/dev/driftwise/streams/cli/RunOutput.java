package dev.driftwise.streams.cli;

import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.rate.RatePlan;
import dev.driftwise.streams.sink.AvroFileSink;
import dev.driftwise.streams.sink.CsvFileSink;
import dev.driftwise.streams.sink.DiscardingSink;
import dev.driftwise.streams.sink.EventTimes;
import dev.driftwise.streams.sink.KafkaSampleSink;
import dev.driftwise.streams.sink.KafkaTarget;
import dev.driftwise.streams.sink.SampleSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ParameterException;

/** Where one run writes: Kafka (after checking the cluster and topic), an .avro or .csv file, or nowhere. */
final class RunOutput {

    private final GenCommand c;
    private String bootstrap;

    RunOutput(GenCommand command) {
        this.c = command;
    }

    SampleSink open(RunInput input, RatePlan plan, PrintWriter err) throws IOException {
        if (c.discard) {
            return new DiscardingSink();
        }
        if (c.out != null) {
            Path dir = c.out.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new ParameterException(c.spec.commandLine(), "Invalid value for option '--out': folder '" + dir + "' does not exist; create it first");
            }
            if (c.out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avro")) {
                return new AvroFileSink(c.out, input.origin(), EventTimes.synthetic(c.startTime, eventRate(input.streams(), plan)));
            }
            return new CsvFileSink(c.out, input.streams(), input.origin());
        }
        KafkaTarget target;
        try {
            KafkaSettings kafka = c.kafkaOptions.settings(c.bootstrap, GenCommand.DEFAULT_BOOTSTRAP, err);
            bootstrap = kafka.bootstrapServers();
            target = new KafkaTarget(bootstrap, c.topic, c.partitions, c.connectTimeout, c.outageTimeout, c.producerProperties, kafka);
            target.producerConfig(); // a setting that contradicts the producer's fails now, before connecting
        } catch (KafkaSettingsException e) {
            throw new ParameterException(c.spec.commandLine(), e.getMessage());
        }
        err.println("driftwise gen: " + target.prepare());
        err.flush();
        return new KafkaSampleSink(target, input.origin(), WireCodec.standard()::encode,
                c.outageListener != null ? c.outageListener : new OutageLines(err, c.bootstrap), c.stopRequested::get);
    }

    /** Spacing of synthetic event times: the paced rate of the stream, else the scenario's own rate. */
    private static java.util.function.ToDoubleFunction<SampleStream> eventRate(List<? extends SampleStream> streams, RatePlan plan) {
        return s -> plan.paced() ? plan.streamRate(streams.indexOf(s)) : s.ratePerSecond();
    }

    String destination() {
        if (c.discard) {
            return "discarded";
        }
        return c.out != null ? "to " + c.out : "to topic '" + c.topic + "' at " + bootstrap;
    }
}
