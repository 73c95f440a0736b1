package org.wsinfer.server.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leak watch can fail: a buffer deliberately never released is reported, and assertNoLeaks then fails. */
class LeakWatchTest {
    @Test
    void aDeliberateLeakIsReported() {
        LeakWatch watch = LeakWatch.get();
        watch.collect(); // start clean
        leakOneBuffer();
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 10 && reports.isEmpty(); i++) {
            reports.addAll(watch.collect());
        }
        assertFalse(reports.isEmpty(), "a leaked buffer must be reported");
        assertTrue(reports.get(0).contains("LEAK"), reports.get(0));
        assertTrue(String.join("\n", reports).contains("leakOneBuffer"), "the report names where it was touched");

        leakOneBuffer();
        assertThrows(AssertionError.class, () -> {
            for (int i = 0; i < 10; i++) {
                watch.assertNoLeaks();
            }
        });
        watch.collect();
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(128);
        leaked.writeLong(42).touch("leakOneBuffer");
        // no release: the only reference is dropped here
    }
}
