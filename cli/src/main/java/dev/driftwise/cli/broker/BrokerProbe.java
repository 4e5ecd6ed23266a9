package dev.driftwise.cli.broker;

import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaProblems;
import dev.driftwise.kafka.settings.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Asks a bootstrap address whether a Kafka cluster answers there (with the run's client settings). */
public final class BrokerProbe {

    private BrokerProbe() {}

    /** @return true when the cluster answered {@code describeCluster} within {@code timeout} */
    public static boolean answers(String bootstrap, Duration timeout) {
        return problem(KafkaSettings.of(bootstrap), timeout) == null;
    }

    /** @return null when the cluster answered within {@code timeout}, else what went wrong, naming the setting to fix */
    public static String problem(KafkaSettings kafka, Duration timeout) {
        Properties p = kafka.forClient(ClientKind.ADMIN)
                .withDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000))
                .withDefault(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())
                .build();
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return KafkaProblems.explain(e.getCause(), kafka);
        } catch (TimeoutException | KafkaException e) {
            return KafkaProblems.explain(e, kafka);
        }
    }

    /** Fails with advice when nothing answers at a user-given {@code --bootstrap}, or answers but refuses the settings. */
    public static void requireReachable(KafkaSettings kafka, Duration timeout) {
        String problem = problem(kafka, timeout);
        if (problem != null) {
            throw new BrokerUnavailable("--bootstrap " + kafka.bootstrapServers() + ": " + problem + " (within " + timeout.toSeconds()
                    + " s). Or drop --bootstrap to use the embedded broker.", null);
        }
    }
}
