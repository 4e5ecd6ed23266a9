package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.Sample;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * A by-hand throughput number for a Sample with 20 features (encode + decode per op), not a test:
 * {@code java -cp <test classpath> dev.driftwise.schemas.wire.WireThroughput}. Rounds alternate between
 * WireCodec and Avro's own single-object encoder/decoder (no validation) as the baseline. Use JMH in the
 * bench module for numbers to compare across changes.
 */
public final class WireThroughput {

    private interface Op {
        long run() throws Exception;
    }

    private WireThroughput() {
    }

    public static void main(String[] args) throws Exception {
        WireCodec codec = WireCodec.standard();
        Sample sample = TestRecords.sample(1, 20);
        Op ours = () -> codec.decode(codec.encode(sample), Sample.class).getSeq();
        Op avro = () -> {
            ByteBuffer bytes = Sample.getEncoder().encode(sample);
            return Sample.getDecoder().decode(bytes).getSeq();
        };
        long sink = 0;
        for (int round = 0; round < 16; round++) {
            sink += measure(round % 2 == 0 ? "WireCodec" : "Avro BinaryMessage*", round % 2 == 0 ? ours : avro);
        }
        System.out.println("bytes per value: " + codec.encode(sample).length + " (checksum " + sink + ")");
    }

    private static long measure(String name, Op op) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        long ops = 0;
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                sink += op.run();
            }
            ops += 1000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
        // ops per CPU-second of this thread stays meaningful on a shared, overloaded machine
        System.out.printf("%-20s %,9.0f ops/s wall, %,9.0f ops per CPU-second, %5.0f bytes allocated per op%n",
                name, ops / seconds, ops / cpuSeconds, (double) allocated / ops);
        return sink;
    }
}
