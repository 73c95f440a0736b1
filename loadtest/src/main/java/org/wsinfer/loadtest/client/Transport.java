package org.wsinfer.loadtest.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The client's Netty transport: native epoll when available, NIO otherwise. */
public final class Transport {
    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll if its native library loads on this machine, else NIO. */
    public static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    /** A new event-loop group of {@code threads} threads. */
    public EventLoopGroup newGroup(int threads) {
        DefaultThreadFactory tf = new DefaultThreadFactory("wsinfer-client", true);
        return new MultiThreadIoEventLoopGroup(threads, tf,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The socket channel class matching the group. */
    public Class<? extends SocketChannel> channelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** {@code epoll} or {@code nio}. */
    public String name() {
        return epoll ? "epoll" : "nio";
    }
}
