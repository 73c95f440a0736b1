package org.wsinfer.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defaults, validation and printing of the server configuration. */
class ServerConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig c = ServerConfig.builder().build();
        assertEquals("127.0.0.1", c.host());
        assertEquals(8080, c.port());
        assertEquals(1 << 20, c.maxFramePayloadBytes());
        assertEquals(262_144, c.maxElements());
        assertEquals(10_000, c.maxConnections());
        assertEquals(60_000, c.idleTimeoutMs());
        assertEquals(1024, c.maxInFlightPerConnection());
        assertEquals(10_000, c.drainTimeoutMs());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), c.inferenceThreads());
        assertTrue(c.batching());
        assertEquals("embedded-default", c.modelSource());
    }

    @Test
    void toStringPrintsEveryField() {
        ServerConfig c = ServerConfig.builder().port(0).modelDir(Path.of("/m")).maxBatchRows(0).build();
        String s = c.toString();
        for (String field : new String[] {"host=127.0.0.1", "port=0", "model=/m", "echo=false", "echoDim=",
                "ioThreads=", "inferenceThreads=", "queueCapacity=", "maxQueuedElements=", "maxBatchRows=0",
                "maxQueueDelayUs=", "maxFramePayloadBytes=1048576", "maxElements=262144", "maxConnections=10000",
                "idleTimeoutMs=60000", "maxInFlightPerConnection=1024", "drainTimeoutMs=10000", "backlog=",
                "writeBufferLowBytes=", "writeBufferHighBytes=", "nativeTransport="}) {
            assertTrue(s.contains(field), s + " lacks " + field);
        }
        assertFalse(c.batching());
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertMessage("port", () -> ServerConfig.builder().port(70_000).build());
        assertMessage("inference-threads", () -> ServerConfig.builder().inferenceThreads(0).build());
        assertMessage("max-batch-rows", () -> ServerConfig.builder().maxBatchRows(-1).build());
        assertMessage("max-queue-delay-us", () -> ServerConfig.builder().maxQueueDelayUs(-5).build());
        assertMessage("max-connections", () -> ServerConfig.builder().maxConnections(0).build());
        assertMessage("write-buffer-high-bytes", () -> ServerConfig.builder().writeBufferHighBytes(10)
                .writeBufferLowBytes(20).build());
        assertMessage("max-queued-elements", () -> ServerConfig.builder().maxQueuedElements(10).build());
        assertMessage("host", () -> ServerConfig.builder().host(" ").build());
    }

    private static void assertMessage(String name, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
