package dev.driftwise.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Fresh topic names per test run, and the job flags that point at them. */
public final class TestTopics {

    private static final AtomicInteger RUN = new AtomicInteger();

    public final String prefix;
    public final String samples;
    public final String models;
    public final String stepSizes;
    public final String metrics;
    public final String dlq;

    public TestTopics(String name) {
        prefix = name + "-" + RUN.incrementAndGet() + "-" + System.nanoTime() % 100000;
        samples = prefix + ".samples";
        models = prefix + ".models";
        stepSizes = prefix + ".stepsizes";
        metrics = prefix + ".metrics";
        dlq = prefix + ".dlq";
    }

    /** Creates the samples topic with {@code partitions} partitions (output topics are created by the job). */
    public TestTopics createSamples(int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaTestBroker.bootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(samples, partitions, (short) 1))).all().get();
        }
        return this;
    }

    /** Job flags: these topics, the test broker, --create-topics, plus {@code extra} (which may replace any of them). */
    public String[] flags(String... extra) {
        List<String> base = List.of("--bootstrap", KafkaTestBroker.bootstrap(), "--samples-topic", samples,
                "--models-topic", models, "--stepsizes-topic", stepSizes, "--metrics-topic", metrics, "--dlq-topic", dlq,
                "--group-id", prefix, "--transactional-id-prefix", prefix);
        List<String> given = List.of(extra);
        List<String> a = new ArrayList<>();
        for (int i = 0; i < base.size(); i += 2) { // a flag in extra replaces this one (the job takes each flag once)
            if (!given.contains(base.get(i))) {
                a.add(base.get(i));
                a.add(base.get(i + 1));
            }
        }
        a.add("--create-topics");
        a.addAll(given);
        return a.toArray(new String[0]);
    }
}
