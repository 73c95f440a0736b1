package org.wsinfer.loadtest.client;

import io.netty.channel.Channel;

/** One open WebSocket connection of the driver, numbered from 0. */
public final class WsConnection {
    private final int index;
    private volatile Channel channel;
    private volatile boolean handshaking;

    /** A connection numbered {@code index}, its channel set once connected. */
    public WsConnection(int index) {
        this.index = index;
    }

    /** The connection's number. */
    public int index() {
        return index;
    }

    /** The Netty channel. */
    public Channel channel() {
        return channel;
    }

    void channel(Channel c) {
        this.channel = c;
    }

    /** Marks the WebSocket handshake of a (re)connection as under way or done; no requests are sent during it. */
    void handshaking(boolean v) {
        this.handshaking = v;
    }

    /** Whether the connection can still send (open, WebSocket handshake done). */
    public boolean isActive() {
        Channel c = channel;
        return !handshaking && c != null && c.isActive();
    }
}
