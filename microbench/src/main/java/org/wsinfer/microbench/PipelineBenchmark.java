package org.wsinfer.microbench;

import io.netty.buffer.ByteBuf;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.server.model.LinearModel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One request through the server's real handler chain in an {@link io.netty.channel.embedded.EmbeddedChannel}
 * ({@link EmbeddedPipeline}): WebSocket frame decode, aggregation, protocol decode and checks, one model call of the
 * server's {@link LinearModel} ({@code features -> 1}) through its {@code BatchRunner}, answer encode and WebSocket
 * frame encode, binary vs text framing. The cross-thread hand-over to the inference threads and the socket are not in
 * it (see {@link EmbeddedPipeline}). The secondary results are the wire bytes of the request and the answer.
 *
 * <p>HOW TO RUN:
 * <pre>
 *   java -jar microbench/target/benchmarks.jar PipelineBenchmark -prof gc -rf json -rff pipeline.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS) // the text path (Jackson, FloatingDecimal) warms slowly
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelineBenchmark {

    /** Seed of the model and the request. */
    static final long SEED = 7L;

    /** The server chain of one connection and one client frame to send through it. */
    @State(Scope.Thread)
    public static class Connection {
        /** Input features per row (the model's input_dim). */
        @Param({"16", "256"})
        public int features;

        /** Rows per request. */
        @Param({"1"})
        public int rows;

        LinearModel model;
        PredictRequest request;
        EmbeddedPipeline pipeline;
        ByteBuf binaryFrame;
        ByteBuf textFrame;

        /** Builds a seeded {@code features -> 1} model, the chain, and the request's frame in both framings. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(SEED);
            float[] weights = new float[features];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (rnd.nextGaussian() * 0.25);
            }
            model = LinearModel.of("bench", 3, features, 1, weights, new float[] {0.1f});
            float[] inputs = new float[rows * features];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) rnd.nextGaussian();
            }
            request = new PredictRequest(rnd.nextLong(1L << 53), rows, features, inputs);
            pipeline = new EmbeddedPipeline(model);
            binaryFrame = EmbeddedPipeline.clientFrame(pipeline.alloc(), request, Framing.BINARY);
            textFrame = EmbeddedPipeline.clientFrame(pipeline.alloc(), request, Framing.TEXT);
        }

        /** Releases the frames and closes the chain. */
        @TearDown(Level.Trial)
        public void tearDown() {
            binaryFrame.release();
            textFrame.release();
            pipeline.close();
        }
    }

    /** Wire bytes per request and per answer, WebSocket frame headers included. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Wire {
        long requestBytes;
        long answerBytes;
        long exchanges;

        /** Mean wire bytes of a request frame (masked client frame). */
        public double requestWireBytes() {
            return exchanges == 0 ? 0 : (double) requestBytes / exchanges;
        }

        /** Mean wire bytes of an answer frame. */
        public double answerWireBytes() {
            return exchanges == 0 ? 0 : (double) answerBytes / exchanges;
        }

        /** Counts per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            requestBytes = 0;
            answerBytes = 0;
            exchanges = 0;
        }

        void add(int request, int answer) {
            requestBytes += request;
            answerBytes += answer;
            exchanges++;
        }
    }

    /** One binary request in, one binary answer out; returns the answer's wire bytes. */
    @Benchmark
    public int binary(Connection c, Wire wire) {
        int answer = c.pipeline.exchangeAndRelease(c.binaryFrame);
        wire.add(c.binaryFrame.readableBytes(), answer);
        return answer;
    }

    /** One JSON request in a text frame, one text answer out; returns the answer's wire bytes. */
    @Benchmark
    public int text(Connection c, Wire wire) {
        int answer = c.pipeline.exchangeAndRelease(c.textFrame);
        wire.add(c.textFrame.readableBytes(), answer);
        return answer;
    }
}
