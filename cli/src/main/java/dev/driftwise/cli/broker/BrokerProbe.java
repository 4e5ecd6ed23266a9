package dev.driftwise.cli.broker;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks a bootstrap address whether a Kafka cluster answers there. */
public final class BrokerProbe {

    private BrokerProbe() {}

    /** @return true when the cluster answered {@code describeCluster} within {@code timeout} */
    public static boolean answers(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Fails with advice when nothing answers at a user-given {@code --bootstrap}. */
    public static void requireReachable(String bootstrap, Duration timeout) {
        if (!answers(bootstrap, timeout)) {
            throw new BrokerUnavailable("no Kafka broker answered at --bootstrap " + bootstrap + " within "
                    + timeout.toSeconds() + " s. Check the address and that the broker is running and reachable"
                    + " (listeners/advertised.listeners), or drop --bootstrap to use the embedded broker.", null);
        }
    }
}
