package dev.driftwise.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM's threads, by role, sampled every 100 ms so that the CPU spent between two wall-clock
 * instants (the first and last metrics record of a run) can be read back. On a shared machine the wall-clock
 * rate moves with other processes' load; CPU time per sample, and where it goes, moves far less.
 */
final class CpuSampler implements AutoCloseable {

    /** Thread roles by name; everything else (Kafka broker, Flink runtime, JVM) is "other". */
    static final List<String> ROLES = List.of("learner", "decode", "fetch", "sink", "other");

    private record Tick(long wallMillis, Map<String, Long> cpuNanos) {}

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, String> roleOf = new HashMap<>();
    private final List<Tick> ticks = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    CpuSampler() {
        sampler = new Thread(() -> {
            while (running) {
                tick();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static String role(String name) {
        if (name.startsWith("learner")) {
            return "learner";
        }
        if (name.startsWith("Source: samples")) {
            return "decode"; // the source task: Kafka records -> SourceRecord -> decode -> shuffle
        }
        if (name.startsWith("Source Data Fetcher")) {
            return "fetch"; // the Kafka consumer's poll
        }
        if (name.startsWith("outputs")) {
            return "sink";
        }
        return "other";
    }

    private synchronized void tick() {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0 && !roleOf.containsKey(id)) {
                ThreadInfo info = threads.getThreadInfo(id); // no stack trace: no safepoint
                if (info == null) {
                    continue;
                }
                roleOf.put(id, role(info.getThreadName()));
            }
            if (cpu >= 0) {
                lastSeen.put(id, cpu);
            }
        }
        Map<String, Long> byRole = new LinkedHashMap<>();
        ROLES.forEach(r -> byRole.put(r, 0L));
        lastSeen.forEach((id, cpu) -> byRole.merge(roleOf.get(id), cpu, Long::sum)); // ended threads keep their last value
        ticks.add(new Tick(System.currentTimeMillis(), byRole));
    }

    /** CPU seconds per role spent between two wall-clock instants (nearest samples). */
    synchronized Map<String, Double> between(long fromMillis, long toMillis) {
        Tick a = nearest(fromMillis);
        Tick b = nearest(toMillis);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String r : ROLES) {
            out.put(r, (b.cpuNanos.get(r) - a.cpuNanos.get(r)) / 1e9);
        }
        return out;
    }

    private Tick nearest(long millis) {
        Tick best = ticks.get(0);
        for (Tick t : ticks) {
            if (Math.abs(t.wallMillis - millis) < Math.abs(best.wallMillis - millis)) {
                best = t;
            }
        }
        return best;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
