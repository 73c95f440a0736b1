package org.wsinfer.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.protocol.Protocol;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.ServerState;
import org.wsinfer.server.TestModels;
import org.wsinfer.server.inference.BatchPolicy;
import org.wsinfer.server.inference.BatchRunner;
import org.wsinfer.server.inference.Batcher;
import org.wsinfer.server.inference.InferenceJob;
import org.wsinfer.server.inference.InferenceQueue;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.metrics.ServerMetrics;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.net.ServerContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prediction handler in an {@link EmbeddedChannel}: one answer per frame, each error code, and predictions
 * delivered by running the queued jobs on the test thread (the batcher's threads are not started).
 */
class PredictionHandlerTest {
    private static final int DIM = 3;

    private final AtomicLong nowNs = new AtomicLong(1_000_000);
    private final ServerState state = new ServerState();
    private InferenceQueue queue;
    private ServerMetrics metrics;
    private EmbeddedChannel channel;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private EmbeddedChannel open(Model model, ServerConfig.Builder config) {
        ServerConfig c = config.build();
        queue = new InferenceQueue(c.queueCapacity(), c.maxQueuedElements());
        ModelHolder models = new ModelHolder(model, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        metrics = new ServerMetrics(queue::size);
        Batcher batcher = new Batcher(queue, models, BatchPolicy.off(), 1, nowNs::get, metrics);
        ServerContext ctx = new ServerContext(c, state, models, batcher, metrics,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), nowNs::get);
        state.set(ServerState.Phase.SERVING);
        channel = new EmbeddedChannel(new PredictionHandler(ctx));
        return channel;
    }

    private EmbeddedChannel open(Model model) {
        return open(model, ServerConfig.builder());
    }

    /** Runs every queued job alone on the test thread (as an inference thread would) and delivers it. */
    private int runQueued(Model model) {
        BatchRunner runner = new BatchRunner(nowNs::get, metrics);
        int n = 0;
        for (InferenceJob job = queue.poll(); job != null; job = queue.poll()) {
            nowNs.addAndGet(500);
            runner.run(model, List.of(job));
            job.sink().deliver(List.of(job));
            n++;
        }
        channel.runPendingTasks();
        return n;
    }

    private static ByteBuf header(int version, int kind, int rows, long cols, long id, int payloadBytes) {
        ByteBuf b = Unpooled.buffer(16 + payloadBytes);
        b.writeByte(version).writeByte(kind).writeShortLE(rows).writeIntLE((int) cols).writeLongLE(id);
        return b;
    }

    private static BinaryWebSocketFrame binary(PredictRequest r) {
        return new BinaryWebSocketFrame(BinaryCodec.encodeRequest(Unpooled.buffer().alloc(), r));
    }

    private Answer readAnswer() {
        WebSocketFrame f = channel.readOutbound();
        if (f == null) {
            throw new AssertionError("no answer written");
        }
        try {
            if (f instanceof BinaryWebSocketFrame) {
                return BinaryCodec.decodeAnswer(f.content());
            }
            assertInstanceOf(TextWebSocketFrame.class, f);
            return JsonCodec.decodeAnswer(f.content().toString(StandardCharsets.UTF_8));
        } finally {
            f.release();
        }
    }

    private ErrorAnswer readError(ErrorCode expected) {
        Answer a = readAnswer();
        ErrorAnswer e = assertInstanceOf(ErrorAnswer.class, a, () -> "expected " + expected + ", got " + a);
        assertEquals(expected, e.code(), e.message());
        return e;
    }

    private double errors(ErrorCode code) {
        return metrics.registry().get("wsinfer.errors").tag("code", code.name()).counter().count();
    }

    private void assertNoMoreOutbound() {
        Object extra = channel.readOutbound();
        assertNull(extra, "exactly one answer per request");
    }

    @Test
    void binaryRequestIsAnsweredWithThePredictionAndTimings() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        open(model);
        float[] in = {1f, 2f, 3f, -1f, 0.5f, 0.25f};
        channel.writeInbound(binary(new PredictRequest(42, 2, DIM, in)));
        assertNull(channel.readOutbound(), "no answer before inference");
        assertEquals(1, runQueued(model));
        Prediction p = assertInstanceOf(Prediction.class, readAnswer());
        assertEquals(42, p.id());
        assertEquals(3, p.modelVersion());
        assertEquals(2, p.rows());
        assertEquals(2, p.cols());
        assertArrayEquals(new float[] {6.5f, 12.5f, 0.25f, 0.0f}, p.outputs(), 1e-6f);
        assertEquals(500, p.queueNs(), "queue_ns = decode to inference start on the server clock");
        assertEquals(0, p.computeNs(), "the fake clock does not move during the model call");
        assertNoMoreOutbound();
        assertEquals(1.0, metrics.registry().get("wsinfer.requests").tag("framing", "binary")
                .tag("outcome", "ok").counter().count());
        assertEquals(0, metrics.inFlight());
    }

    @Test
    void textRequestIsAnsweredWithText() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 1);
        open(model);
        channel.writeInbound(new TextWebSocketFrame("{\"id\":7,\"inputs\":[[1.0,2.0,3.0]]}"));
        runQueued(model);
        WebSocketFrame f = channel.readOutbound();
        assertInstanceOf(TextWebSocketFrame.class, f);
        Prediction p = assertInstanceOf(Prediction.class, JsonCodec.decodeAnswer(f.content()
                .toString(StandardCharsets.UTF_8)));
        f.release();
        assertEquals(7, p.id());
        assertArrayEquals(new float[] {6.5f}, p.outputs(), 1e-6f);
    }

    @Test
    void shortFrameIsMalformedWithUnknownId() {
        open(new TestModels.SumModel(DIM, 1));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 1, 1, 0, 3})));
        ErrorAnswer e = readError(ErrorCode.MALFORMED);
        assertEquals(0, e.id(), "binary error frames carry id 0 when the id is unknown");
        assertNoMoreOutbound();
        assertEquals(1.0, errors(ErrorCode.MALFORMED));
    }

    @Test
    void wrongLengthIsMalformedWithTheId() {
        open(new TestModels.SumModel(DIM, 1));
        ByteBuf b = header(1, 1, 1, DIM, 99, 8);
        b.writeFloatLE(1f).writeFloatLE(2f);
        channel.writeInbound(new BinaryWebSocketFrame(b));
        assertEquals(99, readError(ErrorCode.MALFORMED).id());
    }

    @Test
    void badVersionIsMalformed() {
        open(new TestModels.SumModel(DIM, 1));
        ByteBuf b = header(2, 1, 1, DIM, 5, 12);
        b.writeFloatLE(1f).writeFloatLE(2f).writeFloatLE(3f);
        channel.writeInbound(new BinaryWebSocketFrame(b));
        readError(ErrorCode.MALFORMED);
        assertNoMoreOutbound();
    }

    @Test
    void badJsonIsMalformedWithNullIdInText() {
        open(new TestModels.SumModel(DIM, 1));
        channel.writeInbound(new TextWebSocketFrame("{\"id\":1,\"inputs\":[[1.0,2"));
        WebSocketFrame f = channel.readOutbound();
        String json = f.content().toString(StandardCharsets.UTF_8);
        f.release();
        assertTrue(json.contains("\"MALFORMED\""), json);
        assertTrue(json.contains("\"id\":null") || json.contains("\"id\":1"), json);
    }

    @Test
    void missingFieldIsMalformed() {
        open(new TestModels.SumModel(DIM, 1));
        channel.writeInbound(new TextWebSocketFrame("{\"id\":5}"));
        readError(ErrorCode.MALFORMED);
        assertNoMoreOutbound();
    }

    @Test
    void unknownKindIsReported() {
        open(new TestModels.SumModel(DIM, 1));
        ByteBuf b = header(1, 2, 1, DIM, 8, 12);
        b.writeFloatLE(1f).writeFloatLE(2f).writeFloatLE(3f);
        channel.writeInbound(new BinaryWebSocketFrame(b));
        assertEquals(8, readError(ErrorCode.UNKNOWN_KIND).id());
    }

    @Test
    void colsOtherThanInputDimIsShapeMismatchWithTheId() {
        open(new TestModels.SumModel(DIM, 1));
        channel.writeInbound(binary(new PredictRequest(11, 1, 4, new float[] {1, 2, 3, 4})));
        ErrorAnswer e = readError(ErrorCode.SHAPE_MISMATCH);
        assertEquals(11, e.id());
        assertTrue(e.message().contains("input_dim 3"), e.message());
        channel.writeInbound(new TextWebSocketFrame("{\"id\":12,\"inputs\":[[1.0,2.0]]}"));
        assertEquals(12, readError(ErrorCode.SHAPE_MISMATCH).id());
        assertEquals(0, queue.size(), "nothing queued");
    }

    @Test
    void nanIsInvalidValue() {
        open(new TestModels.SumModel(DIM, 1));
        ByteBuf b = header(1, 1, 1, DIM, 13, 12);
        b.writeFloatLE(1f).writeFloatLE(Float.NaN).writeFloatLE(3f);
        channel.writeInbound(new BinaryWebSocketFrame(b));
        assertEquals(13, readError(ErrorCode.INVALID_VALUE).id());
    }

    @Test
    void overTheElementLimitIsTooLarge() {
        open(new TestModels.SumModel(DIM, 1), ServerConfig.builder().maxElements(5));
        channel.writeInbound(binary(new PredictRequest(14, 2, DIM, new float[6])));
        assertEquals(14, readError(ErrorCode.TOO_LARGE).id());
    }

    @Test
    void fullQueueIsOverloadedAtOnceAndTheAcceptedRequestIsStillAnswered() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 1);
        open(model, ServerConfig.builder().queueCapacity(1));
        channel.writeInbound(binary(new PredictRequest(1, 1, DIM, new float[] {1, 1, 1})),
                binary(new PredictRequest(2, 1, DIM, new float[] {2, 2, 2})));
        ErrorAnswer e = readError(ErrorCode.OVERLOADED);
        assertEquals(2, e.id());
        assertTrue(e.message().contains("queue"), e.message());
        runQueued(model);
        Prediction p = assertInstanceOf(Prediction.class, readAnswer());
        assertEquals(1, p.id());
        assertNoMoreOutbound();
    }

    @Test
    void fullInFlightLimitIsOverloadedUntilAnAnswerIsWritten() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 1);
        open(model, ServerConfig.builder().maxInFlightPerConnection(2));
        for (int id = 1; id <= 3; id++) {
            channel.writeInbound(binary(new PredictRequest(id, 1, DIM, new float[] {id, 0, 0})));
        }
        ErrorAnswer e = readError(ErrorCode.OVERLOADED);
        assertEquals(3, e.id());
        assertTrue(e.message().contains("in flight"), e.message());
        assertEquals(2, runQueued(model));
        assertEquals(1, readAnswer().id());
        assertEquals(2, readAnswer().id());
        channel.writeInbound(binary(new PredictRequest(4, 1, DIM, new float[] {4, 0, 0})));
        assertEquals(1, runQueued(model), "accepted again once answers were written");
        assertInstanceOf(Prediction.class, readAnswer());
    }

    @Test
    void modelFailureIsInternalWithTheId() {
        TestModels.ThrowingModel model = new TestModels.ThrowingModel(DIM, 0);
        open(model);
        channel.writeInbound(new TextWebSocketFrame("{\"id\":21,\"inputs\":[[1.0,2.0,3.0]]}"));
        runQueued(model);
        ErrorAnswer e = readError(ErrorCode.INTERNAL);
        assertEquals(21, e.id());
        assertEquals(0, metrics.inFlight());
        assertEquals(1.0, errors(ErrorCode.INTERNAL));
    }

    @Test
    void drainingServerAnswersUnavailable() {
        open(new TestModels.SumModel(DIM, 1));
        state.set(ServerState.Phase.DRAINING);
        channel.writeInbound(binary(new PredictRequest(31, 1, DIM, new float[] {1, 2, 3})));
        assertEquals(31, readError(ErrorCode.UNAVAILABLE).id());
        assertEquals(0, queue.size());
    }

    @Test
    void connectionKeepsWorkingAfterAnError() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 1);
        open(model);
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9})));
        readError(ErrorCode.MALFORMED);
        channel.writeInbound(binary(new PredictRequest(Protocol.MAX_JSON_ID, 1, DIM, new float[] {0, 0, 1})));
        runQueued(model);
        Prediction p = assertInstanceOf(Prediction.class, readAnswer());
        assertEquals(Protocol.MAX_JSON_ID, p.id());
        assertArrayEquals(new float[] {1.5f}, p.outputs(), 1e-6f);
    }

    @Test
    void answersForAClosedConnectionAreAccountedFor() {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 1);
        open(model);
        channel.writeInbound(binary(new PredictRequest(1, 1, DIM, new float[] {1, 2, 3})));
        assertEquals(1, metrics.inFlight());
        channel.close();
        runQueued(model);
        assertEquals(0, metrics.inFlight(), "in-flight returns to zero when the client is gone");
    }
}
