package org.wsinfer.loadtest.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import org.wsinfer.loadtest.clock.NanoClock;

/** The pipeline of one driver connection: [TLS], HTTP client codec, WebSocket handshake, encoder, answer handler. */
public final class ClientInitializer extends ChannelInitializer<SocketChannel> {
    private final WsConnection connection;
    private final URI uri;
    private final SslContext ssl;
    private final int maxFramePayloadBytes;
    private final ConnectionListener listener;
    private final boolean wantOutputs;
    private final NanoClock clock;
    private final Promise<WsConnection> handshake;

    /** An initializer for one connection; {@code ssl} is null for ws://. */
    public ClientInitializer(WsConnection connection, URI uri, SslContext ssl, int maxFramePayloadBytes,
                             ConnectionListener listener, boolean wantOutputs, NanoClock clock,
                             Promise<WsConnection> handshake) {
        this.connection = connection;
        this.uri = uri;
        this.ssl = ssl;
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.listener = listener;
        this.wantOutputs = wantOutputs;
        this.clock = clock;
        this.handshake = handshake;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connection.channel(ch);
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), WsClient.port(uri)));
        }
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(64 * 1024));
        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(maxFramePayloadBytes)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .build()));
        p.addLast(new WebSocketFrameAggregator(maxFramePayloadBytes));
        p.addLast(new RequestEncoder(clock));
        p.addLast(new AnswerHandler(connection, listener, new AnswerDecoder(wantOutputs), clock));
        p.addLast(new ConnectionStateHandler(connection, listener, handshake));
    }
}
