package org.wsinfer.loadtest.run;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.wsinfer.loadtest.client.OutboundRequest;
import org.wsinfer.loadtest.client.WsConnection;
import org.wsinfer.loadtest.payload.RequestTemplate;

/**
 * One request in flight: its id, intended and actual send times, which payload it carries and on which connection.
 * Whoever removes it from its connection's in-flight table (answer, timeout sweep, closed connection, failed write)
 * accounts for it, so every request is counted exactly once.
 */
final class Pending implements OutboundRequest, ChannelFutureListener {
    static final long NOT_SENT = Long.MIN_VALUE;

    final long id;
    final long intendedNs;
    final int payloadIndex;
    final boolean warmup;
    final WsConnection connection;
    private final RequestTemplate template;
    private final RequestTracker tracker;
    volatile long sentNs = NOT_SENT;

    Pending(long id, long intendedNs, int payloadIndex, RequestTemplate template, boolean warmup,
            WsConnection connection, RequestTracker tracker) {
        this.id = id;
        this.intendedNs = intendedNs;
        this.payloadIndex = payloadIndex;
        this.template = template;
        this.warmup = warmup;
        this.connection = connection;
        this.tracker = tracker;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public RequestTemplate template() {
        return template;
    }

    @Override
    public void onEncoded(long sentNs, int payloadBytes, int wireBytes) {
        this.sentNs = sentNs;
        tracker.onEncoded(this, sentNs, payloadBytes, wireBytes);
    }

    /** The write failed (connection closed under it): the request is lost. */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (!future.isSuccess()) {
            tracker.onWriteFailed(this);
        }
    }

    /** The time the timeout counts from: the actual send time, or the intended one while not yet sent. */
    long timeoutBaseNs() {
        long s = sentNs;
        return s == NOT_SENT ? intendedNs : s;
    }
}
