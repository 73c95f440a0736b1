package org.wsinfer.loadtest.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's pieces: memory from Prometheus text, the drift verdict, the options, the capacity file. */
class SoakPartsTest {
    @TempDir
    Path tmp;

    @Test
    void memoryIsSummedByAreaFromPrometheusText() {
        String text = String.join("\n",
                "# HELP jvm_memory_used_bytes The amount of used memory",
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.048576E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2000000.0",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 3.0E7",
                "jvm_buffer_memory_used_bytes{id=\"direct\"} 16777216.0",
                "jvm_buffer_memory_used_bytes{id=\"mapped\"} 5.0",
                "wsinfer_in_flight 3.0");
        ServerMemory m = ServerMemory.parse(text);
        assertEquals(10_485_760L + 2_000_000L, m.heapUsedBytes());
        assertEquals(30_000_000L, m.nonHeapUsedBytes());
        assertEquals(16_777_216L, m.directUsedBytes());
        assertEquals(new ServerMemory(-1, -1, -1), ServerMemory.parse("up 1\n"), "absent series: -1");
    }

    @Test
    void driftComparesTheLastSegmentsP99WithTheFirst() {
        List<ServerMemory> mem = List.of(new ServerMemory(100, 1, 10), new ServerMemory(150, 1, 10),
                new ServerMemory(400, 1, 30));
        DriftVerdict stable = DriftVerdict.judge(List.of(100.0, 110.0, 120.0, 105.0, 130.0, 125.0), mem, 2, 1.5);
        assertEquals("STABLE", stable.verdict());
        assertEquals(105.0, stable.firstP99Us(), 1e-9);
        assertEquals(127.5, stable.lastP99Us(), 1e-9);
        assertEquals(300, stable.heapGrowthBytes());
        assertEquals(20, stable.directGrowthBytes());
        DriftVerdict drift = DriftVerdict.judge(List.of(100.0, 100.0, 300.0, 400.0), mem, 2, 1.5);
        assertEquals("DRIFT", drift.verdict());
        assertEquals(3.5, drift.ratio(), 1e-9);
        assertEquals("TOO_SHORT", DriftVerdict.judge(List.of(100.0), List.of(), 3, 1.5).verdict());
    }

    @Test
    void optionsAreValidatedAndCountSegments() throws Exception {
        SoakOptions o = new SoakOptions(Duration.ofMinutes(30), Duration.ofMinutes(1), 1.5, 3);
        assertEquals(30, o.segments());
        assertEquals(3, o.endSegments());
        assertEquals(1, new SoakOptions(Duration.ofSeconds(3), Duration.ofSeconds(1), 1.5, 3).endSegments());
        assertThrows(IllegalArgumentException.class,
                () -> new SoakOptions(Duration.ofSeconds(10), Duration.ofMinutes(1), 1.5, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new SoakOptions(Duration.ofMinutes(1), Duration.ofSeconds(1), 1.0, 3));

        Path cap = tmp.resolve("capacity.json");
        Files.writeString(cap, "{\"schema\":\"wsinfer.capacity/1\",\"maxSustainableRateHz\":4200.0}");
        assertEquals(4200.0, CapacityFile.maxSustainableRateHz(cap), 1e-9);
        Files.writeString(cap, "{\"maxSustainableRateHz\":0}");
        assertThrows(java.io.IOException.class, () -> CapacityFile.maxSustainableRateHz(cap));
    }
}
