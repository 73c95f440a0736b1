package org.wsinfer.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.model.LinearModel;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every benchmark method once per parameter combination, with its states set up as JMH would, and checks what
 * it returns (codec round trips, model outputs against an independent double-precision loop, the pipeline's answer),
 * so the benchmarks cannot rot or silently measure an error path.
 */
class BenchmarksTest {
    private static final int[] CODEC_FEATURES = {1, 16, 256, 4096};
    private static final int[] CODEC_ROWS = {1, 32};
    private static final int[] INFERENCE_ROWS = {1, 8, 64, 512};
    private static final int[] INFERENCE_FEATURES = {16, 256};
    private static final int[] PIPELINE_FEATURES = {16, 256};

    @Test
    void everyBenchmarkMethodIsCoveredHere() {
        assertEquals(Set.of("binaryEncodeRequest", "binaryDecodeRequest", "jsonEncodeRequest", "jsonDecodeRequest",
                "binaryEncodePrediction", "binaryDecodePrediction", "jsonEncodePrediction", "jsonDecodePrediction"),
                benchmarks(CodecBenchmark.class));
        assertEquals(Set.of("serverModel", "javaFloor", "javaReference", "nd4jNaive", "nd4jGemm"), benchmarks(InferenceBenchmark.class));
        assertEquals(Set.of("binary", "text"), benchmarks(PipelineBenchmark.class));
    }

    private static Set<String> benchmarks(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void codecBenchmarksRoundTripAndReportTheirSize() {
        CodecBenchmark bench = new CodecBenchmark();
        for (int features : CODEC_FEATURES) {
            for (int rows : CODEC_ROWS) {
                CodecBenchmark.Messages m = new CodecBenchmark.Messages();
                m.features = features;
                m.rows = rows;
                m.setUp();
                try {
                    checkCodec(bench, m, features + "x" + rows);
                } finally {
                    m.tearDown();
                }
                assertEquals(0, m.binaryRequest.refCnt());
                assertEquals(0, m.out.refCnt());
            }
        }
    }

    private static void checkCodec(CodecBenchmark bench, CodecBenchmark.Messages m, String where) {
        PredictRequest req = m.request;
        Prediction pred = m.prediction;
        assertEquals(m.rows * m.features, req.inputs().length, where);

        CodecBenchmark.Size size = new CodecBenchmark.Size();
        int n = bench.binaryEncodeRequest(m, size);
        assertEquals(16 + 4 * req.inputs().length, n, where);
        assertEquals(n, size.messageBytes(), where);
        assertSameRequest(req, BinaryCodec.decodeRequest(m.out, CodecBenchmark.MAX_ELEMENTS), where);

        size.reset();
        for (int i = 0; i < 2; i++) { // the decoders must not consume the encoded message
            assertSameRequest(req, bench.binaryDecodeRequest(m, size), where);
            assertSameRequest(req, bench.jsonDecodeRequest(m, size), where);
        }
        assertEquals((m.binaryRequest.readableBytes() + m.jsonRequest.readableBytes()) / 2.0, size.messageBytes(), where);

        size.reset();
        n = bench.jsonEncodeRequest(m, size);
        assertEquals(m.jsonRequest.readableBytes(), n, where);
        assertSameRequest(req, JsonCodec.decodeRequest(m.out, CodecBenchmark.MAX_ELEMENTS), where);

        n = bench.binaryEncodePrediction(m, size);
        assertEquals(32 + 4 * pred.outputs().length, n, where);
        assertSamePrediction(pred, BinaryCodec.decodeAnswer(m.out), where);
        n = bench.jsonEncodePrediction(m, size);
        assertEquals(m.jsonPrediction.readableBytes(), n, where);
        assertSamePrediction(pred, JsonCodec.decodeAnswer(m.out), where);

        for (int i = 0; i < 2; i++) {
            assertSamePrediction(pred, bench.binaryDecodePrediction(m, size), where);
            assertSamePrediction(pred, bench.jsonDecodePrediction(m, size), where);
        }
        assertTrue(m.jsonRequest.readableBytes() > m.binaryRequest.readableBytes(), where);
    }

    private static void assertSameRequest(PredictRequest expected, PredictRequest actual, String where) {
        assertEquals(expected.id(), actual.id(), where);
        assertEquals(expected.rows(), actual.rows(), where);
        assertEquals(expected.cols(), actual.cols(), where);
        assertArrayEquals(expected.inputs(), actual.inputs(), where);
    }

    private static void assertSamePrediction(Prediction expected, Answer answer, String where) {
        Prediction actual = assertInstanceOf(Prediction.class, answer, where);
        assertEquals(expected.id(), actual.id(), where);
        assertEquals(expected.modelVersion(), actual.modelVersion(), where);
        assertEquals(expected.queueNs(), actual.queueNs(), where);
        assertEquals(expected.computeNs(), actual.computeNs(), where);
        assertEquals(expected.rows(), actual.rows(), where);
        assertEquals(expected.cols(), actual.cols(), where);
        assertArrayEquals(expected.outputs(), actual.outputs(), where);
    }

    @Test
    void inferenceBenchmarksAllComputeTheSameLinearModel() {
        InferenceBenchmark bench = new InferenceBenchmark();
        for (int rows : INFERENCE_ROWS) {
            for (int features : INFERENCE_FEATURES) {
                InferenceBenchmark.Batch b = new InferenceBenchmark.Batch();
                b.rows = rows;
                b.features = features;
                b.outputs = 1;
                b.setUp();
                String where = rows + "x" + features;
                double[] expected = reference(b.model, b.inputs, rows);

                float[] java = bench.javaFloor(b).clone();
                assertClose(expected, java, where + " javaFloor");
                assertClose(expected, bench.javaReference(b).clone(), where + " javaReference");
                assertClose(expected, bench.serverModel(b).clone(), where + " serverModel");
                assertClose(expected, bench.serverModel(b).clone(), where + " serverModel, reused buffers");
                assertClose(expected, bench.nd4jNaive(b), where + " nd4jNaive");
                for (int i = 0; i < 2; i++) { // the bias is copied in again: a second call must not accumulate
                    INDArray y = bench.nd4jGemm(b);
                    assertArrayEquals(new long[] {rows, 1}, y.shape(), where);
                    assertClose(expected, b.gemmOutputs(), where + " nd4jGemm call " + i);
                }
            }
        }
    }

    /** {@code y = xW + b} in double from the model's own weights, independent of every code path under test. */
    private static double[] reference(LinearModel model, float[] inputs, int rows) {
        float[] w = model.weights();
        float[] bias = model.bias();
        int in = model.inputDim();
        int out = model.outputDim();
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += (double) inputs[r * in + i] * w[i * out + o];
                }
                y[r * out + o] = acc;
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, float[] actual, String where) {
        assertTrue(actual.length >= expected.length, where + ": " + actual.length + " outputs");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-4 * Math.max(1.0, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, where + " output " + i);
        }
    }

    @Test
    void pipelineBenchmarksAnswerThroughTheServerChain() {
        PipelineBenchmark bench = new PipelineBenchmark();
        for (int features : PIPELINE_FEATURES) {
            PipelineBenchmark.Connection c = new PipelineBenchmark.Connection();
            c.features = features;
            c.rows = 1;
            c.setUp();
            try {
                double[] expected = reference(c.model, c.request.inputs(), 1);
                for (Framing framing : Framing.values()) {
                    String where = features + " " + framing.label();
                    ByteBuf frame = framing == Framing.BINARY ? c.binaryFrame : c.textFrame;
                    for (int i = 0; i < 3; i++) {
                        ByteBuf wire = c.pipeline.exchange(frame);
                        try {
                            Prediction p = assertInstanceOf(Prediction.class, EmbeddedPipeline.decodeAnswer(wire),
                                    where);
                            assertEquals(c.request.id(), p.id(), where);
                            assertEquals(3, p.modelVersion(), where);
                            assertEquals(1, p.rows(), where);
                            assertEquals(1, p.cols(), where);
                            assertClose(expected, p.outputs(), where);
                            if (framing == Framing.BINARY) {
                                assertEquals(2 + 32 + 4, wire.readableBytes(), where + ": binary answer frame");
                            }
                        } finally {
                            wire.release();
                        }
                    }
                    PipelineBenchmark.Wire counters = new PipelineBenchmark.Wire();
                    int answerBytes = framing == Framing.BINARY ? bench.binary(c, counters) : bench.text(c, counters);
                    assertTrue(answerBytes > 0, where);
                    assertEquals(frame.readableBytes(), counters.requestWireBytes(), where);
                    assertEquals(answerBytes, counters.answerWireBytes(), where);
                }
                assertTrue(c.pipeline.open());
            } finally {
                c.tearDown();
            }
            assertEquals(0, c.binaryFrame.refCnt());
            assertEquals(0, c.textFrame.refCnt());
        }
    }

    @Test
    void pipelineRefusesToMeasureAnErrorAnswer() {
        PipelineBenchmark.Connection c = new PipelineBenchmark.Connection();
        c.features = 16;
        c.rows = 1;
        c.setUp();
        ByteBuf wrongShape = EmbeddedPipeline.clientFrame(PooledByteBufAllocator.DEFAULT,
                new PredictRequest(1, 1, 15, new float[15]), Framing.BINARY);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.pipeline.exchange(wrongShape));
            assertTrue(e.getMessage().contains("not queued"), e.getMessage());
            assertFalse(c.pipeline.exchangeAndRelease(c.binaryFrame) <= 0, "the chain still answers afterwards");
        } finally {
            wrongShape.release();
            c.tearDown();
        }
    }
}
