package org.wsinfer.loadtest.run;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import org.wsinfer.loadtest.client.ConnectionListener;
import org.wsinfer.loadtest.client.DecodedAnswer;
import org.wsinfer.loadtest.client.WsConnection;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.record.LatencyRecorders;
import org.wsinfer.loadtest.record.Metric;

/**
 * Matches answers to requests by id (one in-flight table per connection; answers may come in any order) and does
 * the accounting: every measured request ends as exactly one of ok, error, timeout or lost. Warm-up requests are
 * matched the same way but recorded nowhere.
 */
public final class RequestTracker implements ConnectionListener {
    private final List<ConcurrentHashMap<Long, Pending>> inFlight;
    private final Counters counters;
    private final LatencyRecorders recorders;
    private final Verifier verifier;
    private final LongAccumulator lastMeasuredSentNs = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private volatile long highestIssuedId;
    private volatile boolean closing;

    RequestTracker(int connections, Counters counters, LatencyRecorders recorders, Verifier verifier) {
        this.inFlight = new java.util.ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            inFlight.add(new ConcurrentHashMap<>());
        }
        this.counters = counters;
        this.recorders = recorders;
        this.verifier = verifier;
    }

    /** Remembers a request about to be written (called by the sender before the write). */
    void register(Pending p) {
        highestIssuedId = p.id;
        inFlight.get(p.connection.index()).put(p.id, p);
    }

    /** Records the send lag and the request's bytes as it is encoded (event loop). */
    void onEncoded(Pending p, long sentNs, int payloadBytes, int wireBytes) {
        if (p.warmup) {
            return;
        }
        recorders.record(Metric.SEND_LAG, sentNs - p.intendedNs);
        lastMeasuredSentNs.accumulate(sentNs);
        counters.requestFrames.increment();
        counters.requestPayloadBytes.add(payloadBytes);
        counters.requestWireBytes.add(wireBytes);
    }

    @Override
    public void onAnswer(WsConnection connection, DecodedAnswer a, long receivedNs, int payloadBytes, int wireBytes) {
        if (!a.idKnown) {
            counters.unmatchedAnswers.increment();
            return;
        }
        Pending p = inFlight.get(connection.index()).remove(a.id);
        if (p == null) {
            if (a.id >= 1 && a.id <= highestIssuedId) {
                counters.lateAnswers.increment();
            } else {
                counters.unmatchedAnswers.increment();
            }
            return;
        }
        if (p.warmup) {
            return;
        }
        counters.answerFrames.increment();
        counters.answerPayloadBytes.add(payloadBytes);
        counters.answerWireBytes.add(wireBytes);
        if (!a.ok) {
            counters.error(a.errorCode);
            return;
        }
        recorders.record(Metric.CORRECTED, receivedNs - p.intendedNs);
        recorders.record(Metric.UNCORRECTED, receivedNs - p.timeoutBaseNs());
        recorders.record(Metric.SERVER_QUEUE, a.queueNs);
        recorders.record(Metric.SERVER_COMPUTE, a.computeNs);
        counters.ok.increment();
        if (verifier != null) {
            verifier.check(p.id, p.payloadIndex, a.modelVersion, a.outputs);
        }
    }

    @Override
    public void onMalformed(WsConnection connection, String reason) {
        counters.malformedAnswers.increment();
    }

    @Override
    public void onClosed(WsConnection connection) {
        if (!closing) {
            counters.connectionFailures.increment();
        }
        ConcurrentHashMap<Long, Pending> table = inFlight.get(connection.index());
        for (Iterator<Pending> it = table.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (table.remove(p.id, p) && !p.warmup) {
                counters.lost.increment();
            }
        }
    }

    /** A request that could not be written is lost. */
    void onWriteFailed(Pending p) {
        if (inFlight.get(p.connection.index()).remove(p.id, p) && !p.warmup) {
            counters.lost.increment();
        }
    }

    /** A request that found no open connection is lost at once (and counted in notSent, a part of lost). */
    void lostUnsent(Pending p) {
        if (!p.warmup) {
            counters.lost.increment();
            counters.notSent.increment();
        }
    }

    /** Counts as timeouts the requests sent at least {@code timeoutNs} before {@code nowNs}. */
    void sweepTimeouts(long nowNs, long timeoutNs) {
        for (ConcurrentHashMap<Long, Pending> table : inFlight) {
            for (Pending p : table.values()) {
                if (nowNs - p.timeoutBaseNs() >= timeoutNs && table.remove(p.id, p) && !p.warmup) {
                    counters.timeouts.increment();
                }
            }
        }
    }

    /** Counts every request still in flight as a timeout (the drain waited the whole timeout for them). */
    void expireAll() {
        for (ConcurrentHashMap<Long, Pending> table : inFlight) {
            for (Pending p : table.values()) {
                if (table.remove(p.id, p) && !p.warmup) {
                    counters.timeouts.increment();
                }
            }
        }
    }

    /** Requests in flight now (warm-up included). */
    public int inFlight() {
        int n = 0;
        for (ConcurrentHashMap<Long, Pending> t : inFlight) {
            n += t.size();
        }
        return n;
    }

    /** The actual send time of the last measured request encoded, or {@link Long#MIN_VALUE} if none. */
    long lastMeasuredSentNs() {
        return lastMeasuredSentNs.get();
    }

    /** From now on a closing connection is the driver's doing, not a failure. */
    void closing() {
        closing = true;
    }
}
