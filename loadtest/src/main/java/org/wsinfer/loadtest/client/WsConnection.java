package org.wsinfer.loadtest.client;

import io.netty.channel.Channel;

/** One open WebSocket connection of the driver, numbered from 0. */
public final class WsConnection {
    private final int index;
    private volatile Channel channel;

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

    /** Whether the connection can still send. */
    public boolean isActive() {
        Channel c = channel;
        return c != null && c.isActive();
    }
}
