package org.wsinfer.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.wsinfer.loadtest.client.DecodedAnswer;
import org.wsinfer.loadtest.client.RequestEncoder;
import org.wsinfer.loadtest.client.WsConnection;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.payload.PayloadPool;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.record.LatencyRecorders;
import org.wsinfer.loadtest.record.Metric;
import org.wsinfer.loadtest.schedule.ConstantSchedule;
import org.wsinfer.loadtest.schedule.Schedule;
import org.wsinfer.protocol.Framing;

/** The sender and the tracker on a fake clock, over embedded channels: pacing, round-robin, id matching. */
class SenderTest {
    private final FakeClock clock = new FakeClock();
    private final Counters counters = new Counters();
    private final LatencyRecorders recorders = new LatencyRecorders();

    private static final class Conn {
        final WsConnection ws;
        final EmbeddedChannel ch;

        Conn(int i, NanoClock clock) {
            ws = new WsConnection(i);
            ch = new EmbeddedChannel(new RequestEncoder(clock));
            setChannel(ws, ch);
        }
    }

    static void setChannel(WsConnection ws, io.netty.channel.Channel ch) {
        try {
            var m = WsConnection.class.getDeclaredMethod("channel", io.netty.channel.Channel.class);
            m.setAccessible(true);
            m.invoke(ws, ch);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> drainIds(EmbeddedChannel ch) {
        List<Long> ids = new ArrayList<>();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = ((BinaryWebSocketFrame) o).content();
            ids.add(b.getLongLE(b.readerIndex() + 8));
            ((BinaryWebSocketFrame) o).release();
        }
        return ids;
    }

    @Test
    void sendsEveryRequestAtItsIntendedTimeRoundRobinAndMatchesAnswersInAnyOrder() {
        Conn a = new Conn(0, clock);
        Conn b = new Conn(1, clock);
        RequestTracker tracker = new RequestTracker(2, counters, recorders, null);
        PayloadPool pool = PayloadPool.random(Framing.BINARY, 1, 4, 8, 1);
        clock.nowNs = 1_000_000_000L;
        long start = clock.nowNs;
        long n = new Sender(clock, new ConstantSchedule(1000), pool, List.of(a.ws, b.ws), tracker, counters)
                .run(start, 100_000_000L, 1_000_000_000L);
        assertEquals(1100, n, "100 warm-up + 1000 measured requests at 1000/s");
        assertEquals(1000, counters.sent.sum());
        assertEquals(100, counters.warmupSent.sum());
        assertEquals(start + 1_099_000_000L, clock.nowNs, "the last request is intended at 1.099 s");
        List<Long> idsA = drainIds(a.ch);
        List<Long> idsB = drainIds(b.ch);
        assertEquals(550, idsA.size());
        assertEquals(550, idsB.size());
        assertEquals(1L, idsA.get(0));
        assertEquals(2L, idsB.get(0));
        assertEquals(1100, tracker.inFlight());

        Histogram lag = recorders.takeInterval().get(Metric.SEND_LAG);
        assertEquals(1000, lag.getTotalCount());
        assertEquals(0, lag.getMaxValue(), "on time on a fake clock: no send lag");

        // answers arrive in reverse order, 2 ms after the last send
        clock.advance(2_000_000L);
        DecodedAnswer ans = new DecodedAnswer();
        for (int i = idsA.size() - 1; i >= 0; i--) {
            answer(tracker, a.ws, ans, idsA.get(i));
        }
        for (int i = idsB.size() - 1; i >= 0; i--) {
            answer(tracker, b.ws, ans, idsB.get(i));
        }
        assertEquals(0, tracker.inFlight());
        assertEquals(1000, counters.ok.sum(), "warm-up answers are matched but not counted");
        Histogram corrected = recorders.takeInterval().get(Metric.CORRECTED);
        assertEquals(1000, corrected.getTotalCount());
        // the first measured request was intended at 0.1 s, answered at 1.101 s
        assertEquals(1_001_000_000L, corrected.getMaxValue(), 1_001_000_000L / 500.0);
        assertEquals(2_000_000L, corrected.getMinValue(), 2_000_000L / 500.0);
        // an answer to an unknown id matches nothing
        answer(tracker, a.ws, ans, 99_999);
        assertEquals(1, counters.unmatchedAnswers.sum());
        answer(tracker, a.ws, ans, 5);
        assertEquals(1, counters.lateAnswers.sum(), "a second answer to a known id is late, not counted twice");
        assertEquals(1000, counters.ok.sum());
        a.ch.finishAndReleaseAll();
        b.ch.finishAndReleaseAll();
    }

    @Test
    void lateRequestsKeepTheirIntendedTimeAndAreNeverSkipped() {
        Conn a = new Conn(0, clock);
        RequestTracker tracker = new RequestTracker(1, counters, recorders, null);
        PayloadPool pool = PayloadPool.random(Framing.BINARY, 1, 2, 4, 1);
        // a clock whose first park overshoots by 50 ms: a stalled sender
        NanoClock stalling = new NanoClock() {
            boolean stalled;

            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public long epochNanos() {
                return clock.epochNanos();
            }

            @Override
            public void parkUntil(long deadlineNs) {
                clock.parkUntil(deadlineNs);
                if (!stalled && deadlineNs >= 10_000_000L) {
                    stalled = true;
                    clock.advance(50_000_000L);
                }
            }
        };
        Schedule s = new ConstantSchedule(1000);
        long n = new Sender(stalling, s, pool, List.of(a.ws), tracker, counters).run(0, 0, 100_000_000L);
        assertEquals(100, n, "all 100 requests sent, none skipped");
        assertEquals(100, drainIds(a.ch).size());
        Histogram lag = recorders.takeInterval().get(Metric.SEND_LAG);
        // the request due at 10 ms went out at 60 ms, then 11..59 ms went out at once, late by 49..1 ms
        assertEquals(50_000_000L, lag.getMaxValue(), 50_000_000L / 500.0);
        assertEquals(50, lag.getCountBetweenValues(1_000_000L / 2, 60_000_000L), "the 50 requests due in 10..59 ms were late");
        a.ch.finishAndReleaseAll();
    }

    @Test
    void timeoutsAndClosedConnectionsAccountForEveryRequest() {
        Conn a = new Conn(0, clock);
        Conn b = new Conn(1, clock);
        RequestTracker tracker = new RequestTracker(2, counters, recorders, null);
        PayloadPool pool = PayloadPool.random(Framing.BINARY, 1, 2, 4, 1);
        new Sender(clock, new ConstantSchedule(100), pool, List.of(a.ws, b.ws), tracker, counters)
                .run(0, 0, 1_000_000_000L);
        assertEquals(100, counters.sent.sum());
        List<Long> idsA = drainIds(a.ch);
        drainIds(b.ch);
        DecodedAnswer ans = new DecodedAnswer();
        clock.advance(1_000_000L);
        for (int i = 0; i < 10; i++) {
            answer(tracker, a.ws, ans, idsA.get(i));
        }
        // connection b closes with its 50 requests in flight: lost
        tracker.onClosed(b.ws);
        assertEquals(50, counters.lost.sum());
        assertEquals(1, counters.connectionFailures.sum());
        // 40 of a's still wait; the sweep at +0.5 s after the last send times out those sent >= 0.5 s earlier
        clock.nowNs = 1_500_000_000L;
        tracker.sweepTimeouts(clock.nowNs, 1_000_000_000L);
        long firstSweep = counters.timeouts.sum();
        assertTrue(firstSweep > 0 && firstSweep < 40, "only the old ones: " + firstSweep);
        tracker.expireAll();
        assertEquals(40, counters.timeouts.sum());
        assertEquals(counters.sent.sum(), counters.accounted(), "ok + errors + timeouts + lost = sent");
        a.ch.finishAndReleaseAll();
        b.ch.finishAndReleaseAll();
    }

    private void answer(RequestTracker tracker, WsConnection c, DecodedAnswer a, long id) {
        a.clear();
        a.id = id;
        a.idKnown = true;
        a.ok = true;
        a.queueNs = 1000;
        a.computeNs = 2000;
        tracker.onAnswer(c, a, clock.nanoTime(), 36, 38);
    }
}
