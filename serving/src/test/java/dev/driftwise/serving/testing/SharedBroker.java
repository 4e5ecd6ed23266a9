package dev.driftwise.serving.testing;

import dev.driftwise.consumers.testkit.EmbeddedKafka;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker ({@link EmbeddedKafka}) for every test class of the JVM that extends with this:
 * starting one costs seconds, more on a loaded machine. Tests keep apart by topic names. Closed once,
 * when the whole test run ends.
 */
public final class SharedBroker implements BeforeAllCallback {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedBroker.class, k -> (AutoCloseable) SharedBroker::stop);
    }

    public static synchronized EmbeddedKafka kafka() throws Exception {
        if (kafka == null) {
            kafka = new EmbeddedKafka();
        }
        return kafka;
    }

    /** A fresh one-partition topic whose name starts with {@code prefix}. */
    public static String newTopic(String prefix) throws Exception {
        String topic = prefix + "-" + TOPICS.incrementAndGet();
        kafka().createTopic(topic, 1);
        return topic;
    }

    private static synchronized void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
