package org.wsinfer.server.swap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchModel} in the configuration: validated, printed, and a server started with it follows its directory. */
class WatchOptionTest {
    @TempDir
    Path tmp;

    @Test
    void watchNeedsAModelDirectoryAndIsPrinted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().watchModel(true).build());
        assertTrue(e.getMessage().contains("watch needs a model directory"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().watchModel(true).echo(true).modelDir(tmp).build());
        assertTrue(ServerConfig.builder().modelDir(tmp).watchModel(true).build().toString().contains("watchModel=true"));
    }

    @Test
    void aServerStartedWithWatchSwapsWhenTheDirectoryChanges() throws Exception {
        Path dir = SwapFixtures.write(tmp.resolve("m"), 1, 4, 1);
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).modelDir(dir)
                .inferenceThreads(1).watchModel(true).build())) {
            assertEquals(1, server.models().model().version());
            SwapFixtures.write(dir, 2, 4, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.models().model().version() != 2) {
                assertTrue(System.nanoTime() < deadline, "version 2 not served within 20 s");
                Thread.sleep(20);
            }
            assertEquals(1, server.registry().previous().orElseThrow().version());
        }
    }
}
