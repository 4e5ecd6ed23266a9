package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintTableTest {

    @Test
    void behavesLikeAMapForEdgeKeysAndAfterManyResizes() {
        FingerprintTable<String> table = new FingerprintTable<>();
        Map<Long, String> reference = new HashMap<>();
        Random random = new Random(5);
        long[] edge = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 16L, 32L}; // 16 and 32 collide in a 16-slot table
        for (long key : edge) {
            reference.put(key, "edge" + key);
            table.putIfAbsent(key, "edge" + key);
        }
        for (int i = 0; i < 1000; i++) {
            long key = random.nextLong();
            reference.putIfAbsent(key, "v" + i);
            table.putIfAbsent(key, "v" + i);
        }
        for (Map.Entry<Long, String> e : reference.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()), "key " + e.getKey());
        }
        for (int i = 0; i < 1000; i++) {
            long absent = random.nextLong();
            if (!reference.containsKey(absent)) {
                assertNull(table.get(absent), "key " + absent + " was never put");
            }
        }
    }

    @Test
    void theFirstValuePutForAKeyWins() {
        FingerprintTable<String> table = new FingerprintTable<>();
        String first = table.putIfAbsent(7L, "first");
        assertSame(first, table.putIfAbsent(7L, "second"));
        assertEquals("first", table.get(7L));
    }
}
