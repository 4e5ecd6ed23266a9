package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.Sample;
import java.lang.management.ManagementFactory;

/**
 * A by-hand throughput number for a Sample with 20 features (encode + decode per op), not a test:
 * {@code java -cp <test classpath> dev.driftwise.schemas.wire.WireThroughput}. Use the bench module's
 * JMH suite for numbers to compare across changes.
 */
public final class WireThroughput {

    private WireThroughput() {
    }

    public static void main(String[] args) throws Exception {
        WireCodec codec = WireCodec.standard();
        Sample sample = TestRecords.sample(1, 20);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 8; round++) {
            long ops = 0;
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            long end = start + 1_000_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    byte[] bytes = codec.encode(sample);
                    sink += codec.decode(bytes, Sample.class).getSeq();
                }
                ops += 1000;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            System.out.printf("round %d: %,.0f encode+decode ops/s, %.0f bytes allocated per op, %d bytes per value%n",
                    round, ops / seconds, (double) allocated / ops, codec.encode(sample).length);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
