package org.wsinfer.server.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client (java.net.http), independent of Netty: connects with headers, collects messages. */
final class WsClients {
    private WsClients() {
    }

    /** An open WebSocket and the whole binary messages it received. */
    record Connection(WebSocket socket, BlockingQueue<byte[]> binary) implements AutoCloseable {
        byte[] nextBinary() throws InterruptedException {
            byte[] b = binary.poll(10, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("no binary message within 10 s");
            }
            return b;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** Connects to {@code uri} with {@code headers}; the future fails with the handshake's refusal. */
    static CompletableFuture<Connection> connect(HttpClient http, URI uri, Map<String, String> headers) {
        BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return b.buildAsync(uri, new Collector(binary)).thenApply(ws -> new Connection(ws, binary));
    }

    /** Joins whole binary messages. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<byte[]> binary;
        private ByteBuffer partial = ByteBuffer.allocate(0);

        Collector(BlockingQueue<byte[]> binary) {
            this.binary = binary;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining());
            joined.put(partial).put(data).flip();
            partial = joined;
            if (last) {
                byte[] b = new byte[partial.remaining()];
                partial.get(b);
                binary.add(b);
                partial = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }
    }
}
