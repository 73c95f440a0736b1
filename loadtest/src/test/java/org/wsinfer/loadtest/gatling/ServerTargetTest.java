package org.wsinfer.loadtest.gatling;

import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerTargetTest {

    @Test
    void startsTheInProcessEchoServerOnAFreeLoopbackPortAndStopsIt() throws Exception {
        Properties p = new Properties();
        p.setProperty("wsinfer.echo", "true");
        p.setProperty("wsinfer.features", "4");
        ServerTarget target = ServerTarget.of(GatlingSettings.from(p));
        assertEquals(4, target.outputsPerRow());
        assertThrows(IllegalStateException.class, target::uri);
        try (target) {
            target.start();
            URI uri = target.uri();
            assertEquals("127.0.0.1", uri.getHost());
            assertEquals("/ws", uri.getPath());
            assertTrue(uri.getPort() > 0);
            try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                assertTrue(s.isConnected());
            }
            target.close();
            assertThrows(java.io.IOException.class, () -> new Socket(uri.getHost(), uri.getPort()).close());
        }
    }

    @Test
    void anExternalServerIsNeitherStartedNorKnown() throws Exception {
        Properties p = new Properties();
        p.setProperty("wsinfer.url", "ws://127.0.0.1:1/ws");
        p.setProperty("wsinfer.outputs", "3");
        try (ServerTarget target = ServerTarget.of(GatlingSettings.from(p))) {
            target.start();
            assertNull(target.model());
            assertEquals(3, target.outputsPerRow());
            assertEquals(URI.create("ws://127.0.0.1:1/ws"), target.uri());
        }
    }
}
