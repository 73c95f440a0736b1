package org.wsinfer.loadtest.record;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.wsinfer.protocol.ErrorCode;

/** The counts of one run (measured phase unless named warm-up), updated from any thread. */
public final class Counters {
    /** Measured requests scheduled and handed to a connection (or lost for want of one). */
    public final LongAdder sent = new LongAdder();
    /** Measured requests answered with a prediction. */
    public final LongAdder ok = new LongAdder();
    /** Measured requests answered with an error frame. */
    public final LongAdder errors = new LongAdder();
    /** Measured requests unanswered within the timeout. */
    public final LongAdder timeouts = new LongAdder();
    /** Measured requests in flight on a connection that closed (or that could not be written). */
    public final LongAdder lost = new LongAdder();
    /** Part of {@link #lost}: measured requests due while no connection was open (never written). */
    public final LongAdder notSent = new LongAdder();
    /** Connections that failed or closed before the run ended. */
    public final LongAdder connectionFailures = new LongAdder();
    /** Connections reopened after closing ({@code --reconnect}). */
    public final LongAdder reconnects = new LongAdder();
    /** Warm-up requests sent. */
    public final LongAdder warmupSent = new LongAdder();
    /** Answers to requests already counted as timeouts. */
    public final LongAdder lateAnswers = new LongAdder();
    /** Answers whose id matches no request (including error frames without an id). */
    public final LongAdder unmatchedAnswers = new LongAdder();
    /** Frames from the server that are not protocol v1 answers. */
    public final LongAdder malformedAnswers = new LongAdder();
    /** Measured request frames encoded, and their payload and wire bytes. */
    public final LongAdder requestFrames = new LongAdder();
    /** Payload bytes of the measured request frames. */
    public final LongAdder requestPayloadBytes = new LongAdder();
    /** Wire bytes (frame header included) of the measured request frames. */
    public final LongAdder requestWireBytes = new LongAdder();
    /** Answer frames of measured requests, and their payload and wire bytes. */
    public final LongAdder answerFrames = new LongAdder();
    /** Payload bytes of the answers to measured requests. */
    public final LongAdder answerPayloadBytes = new LongAdder();
    /** Wire bytes of the answers to measured requests. */
    public final LongAdder answerWireBytes = new LongAdder();
    /** Answers checked against the local model (accuracy mode). */
    public final LongAdder verified = new LongAdder();
    /** Checked answers with an output outside the tolerance. */
    public final LongAdder mismatches = new LongAdder();
    /** Largest relative error of a checked output. */
    public final DoubleAccumulator maxRelativeError = new DoubleAccumulator(Math::max, 0.0);

    private final Map<ErrorCode, LongAdder> errorsByCode = new EnumMap<>(ErrorCode.class);

    /** All counts zero. */
    public Counters() {
        for (ErrorCode c : ErrorCode.values()) {
            errorsByCode.put(c, new LongAdder());
        }
    }

    /** Counts one measured error answer with its code. */
    public void error(ErrorCode code) {
        errors.increment();
        errorsByCode.get(code == null ? ErrorCode.INTERNAL : code).increment();
    }

    /** Requests accounted for so far: ok + errors + timeouts + lost. */
    public long accounted() {
        return ok.sum() + errors.sum() + timeouts.sum() + lost.sum();
    }

    /** Error counts by code name, every code listed. */
    public Map<String, Long> errorsByCode() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<ErrorCode, LongAdder> e : errorsByCode.entrySet()) {
            m.put(e.getKey().name(), e.getValue().sum());
        }
        return m;
    }
}
