package org.wsinfer.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of one request and one prediction, binary vs JSON, with the size of the message beside the time.
 *
 * <p>A request carries {@code rows x features} inputs; the prediction answering it carries {@code rows x features}
 * outputs (the echo model's shape, the widest answer the server sends), so both directions scale alike. Encoders write
 * into a reused pooled buffer (as the server does into the channel's allocator); decoders read a message encoded once
 * in the set-up. The {@code messageBytes} secondary result is the encoded size of the message the method handled.
 *
 * <p>HOW TO RUN:
 * <pre>
 *   java -jar microbench/target/benchmarks.jar CodecBenchmark -prof gc -rf json -rff codec.json
 *   java -jar microbench/target/benchmarks.jar CodecBenchmark -p features=16,256 -p rows=1 -f 1 -wi 2 -i 3
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm}: bytes allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    /** The largest request the decoders accept here (the biggest parameter combination fits). */
    static final int MAX_ELEMENTS = 1 << 20;

    /** The messages of one parameter combination, built from a seeded random, and their encoded forms. */
    @State(Scope.Thread)
    public static class Messages {
        /** Features (input values) per row. */
        @Param({"1", "16", "256", "4096"})
        public int features;

        /** Rows per message. */
        @Param({"1", "32"})
        public int rows;

        PredictRequest request;
        Prediction prediction;
        ByteBuf binaryRequest;
        ByteBuf jsonRequest;
        ByteBuf binaryPrediction;
        ByteBuf jsonPrediction;
        ByteBuf out;

        /** Builds the request and prediction and encodes each once in both framings. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(42);
            float[] inputs = new float[rows * features];
            float[] outputs = new float[rows * features];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) rnd.nextGaussian();
                outputs[i] = (float) rnd.nextGaussian();
            }
            request = new PredictRequest(rnd.nextLong(1L << 53), rows, features, inputs);
            prediction = new Prediction(request.id(), 7, 1_200L, 5_300L, rows, features, outputs);
            PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
            binaryRequest = BinaryCodec.encodeRequest(alloc, request);
            binaryPrediction = BinaryCodec.encodePrediction(alloc, prediction);
            jsonRequest = alloc.buffer();
            JsonCodec.writeRequest(request, jsonRequest);
            jsonPrediction = alloc.buffer();
            JsonCodec.writePrediction(prediction, jsonPrediction);
            out = alloc.buffer(Math.max(jsonRequest.readableBytes(), jsonPrediction.readableBytes()) * 2);
        }

        /** Releases every buffer. */
        @TearDown(Level.Trial)
        public void tearDown() {
            binaryRequest.release();
            jsonRequest.release();
            binaryPrediction.release();
            jsonPrediction.release();
            out.release();
        }

        /** The reused output buffer, emptied. */
        ByteBuf emptyOut() {
            return out.clear();
        }
    }

    /** The encoded size of the message the benchmark method handled, reported as the secondary result. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Size {
        long bytes;
        long messages;

        /** Bytes of one encoded message (WebSocket payload, without the frame header). */
        public double messageBytes() {
            return messages == 0 ? 0 : (double) bytes / messages;
        }

        /** Counts per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            messages = 0;
        }

        void add(int messageBytes) {
            bytes += messageBytes;
            messages++;
        }
    }

    /** Binary request encode into a reused buffer; returns the bytes written. */
    @Benchmark
    public int binaryEncodeRequest(Messages m, Size size) {
        ByteBuf out = m.emptyOut();
        BinaryCodec.writeRequest(m.request, out);
        int n = out.readableBytes();
        size.add(n);
        return n;
    }

    /** Binary request decode. */
    @Benchmark
    public PredictRequest binaryDecodeRequest(Messages m, Size size) {
        size.add(m.binaryRequest.readableBytes());
        return BinaryCodec.decodeRequest(m.binaryRequest, MAX_ELEMENTS);
    }

    /** JSON request encode (UTF-8 into a reused buffer); returns the bytes written. */
    @Benchmark
    public int jsonEncodeRequest(Messages m, Size size) {
        ByteBuf out = m.emptyOut();
        JsonCodec.writeRequest(m.request, out);
        int n = out.readableBytes();
        size.add(n);
        return n;
    }

    /** JSON request decode. */
    @Benchmark
    public PredictRequest jsonDecodeRequest(Messages m, Size size) {
        size.add(m.jsonRequest.readableBytes());
        return JsonCodec.decodeRequest(m.jsonRequest, MAX_ELEMENTS);
    }

    /** Binary prediction encode into a reused buffer; returns the bytes written. */
    @Benchmark
    public int binaryEncodePrediction(Messages m, Size size) {
        ByteBuf out = m.emptyOut();
        BinaryCodec.writePrediction(m.prediction, out);
        int n = out.readableBytes();
        size.add(n);
        return n;
    }

    /** Binary answer decode (the client side). */
    @Benchmark
    public Answer binaryDecodePrediction(Messages m, Size size) {
        size.add(m.binaryPrediction.readableBytes());
        return BinaryCodec.decodeAnswer(m.binaryPrediction);
    }

    /** JSON prediction encode (UTF-8 into a reused buffer); returns the bytes written. */
    @Benchmark
    public int jsonEncodePrediction(Messages m, Size size) {
        ByteBuf out = m.emptyOut();
        JsonCodec.writePrediction(m.prediction, out);
        int n = out.readableBytes();
        size.add(n);
        return n;
    }

    /** JSON answer decode (the client side). */
    @Benchmark
    public Answer jsonDecodePrediction(Messages m, Size size) {
        size.add(m.jsonPrediction.readableBytes());
        return JsonCodec.decodeAnswer(m.jsonPrediction);
    }
}
