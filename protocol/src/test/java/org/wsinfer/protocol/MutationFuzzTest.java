package org.wsinfer.protocol;

import com.sun.management.ThreadMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutation fuzzer over the decoders: frames built from the protocol vectors are mutated (bit flips, byte
 * sets, header fields set to extremes, truncation, extension, splicing) and decoded. The only exception allowed is
 * {@link ProtocolException}; a decoder must never allocate in proportion to a header field it has not checked
 * against the frame's real length.
 */
class MutationFuzzTest {
    private static final int BINARY_FRAMES = 600_000;
    private static final int JSON_FRAMES = 400_000;
    private static final int MAX_ELEMENTS = 262_144;
    /** Largest allocation a decode may make for a frame of {@code n} bytes: its floats plus bounded overhead. */
    private static final long ALLOWANCE_BYTES = 256 * 1024;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void binaryDecodersThrowOnlyProtocolExceptionsAndAllocateByRealLength() {
        List<byte[]> seeds = List.of(Vectors.hex("request.predict"), Vectors.hex("response.predict"),
                Vectors.hex("response.error"), bigRequest());
        SplittableRandom rnd = new SplittableRandom(20261204);
        int decoded = 0;
        int rejected = 0;
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < BINARY_FRAMES; i++) {
            byte[] frame = mutateBinary(seeds.get(rnd.nextInt(seeds.size())), rnd);
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            long before = THREADS.getThreadAllocatedBytes(tid);
            try {
                if ((i & 1) == 0) {
                    BinaryCodec.decodeRequest(buf, MAX_ELEMENTS);
                } else {
                    BinaryCodec.decodeAnswer(buf);
                }
                decoded++;
            } catch (ProtocolException e) {
                rejected++;
                assertTrue(e.code() != null && e.getMessage() != null);
            } catch (RuntimeException e) {
                fail("frame " + i + " " + io.netty.buffer.ByteBufUtil.hexDump(frame) + " threw " + e, e);
            }
            long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
            if (allocated > 4L * frame.length + ALLOWANCE_BYTES) {
                fail("decoding a " + frame.length + "-byte frame allocated " + allocated + " bytes: "
                        + io.netty.buffer.ByteBufUtil.hexDump(frame, 0, Math.min(32, frame.length)));
            }
            assertEquals(0, buf.readerIndex());
        }
        assertEquals(BINARY_FRAMES, decoded + rejected);
        assertTrue(decoded > 1000 && rejected > 1000, "mutations should both pass and fail: " + decoded + "/" + rejected);
    }

    @Test
    void jsonDecodersThrowOnlyProtocolExceptions() {
        List<String> seeds = List.of(Vectors.text("json.request"), Vectors.text("json.response"),
                Vectors.text("json.error"), "{\"id\":1,\"inputs\":[[1e38,-1e-45,0,-0.0,3.4028235E38]]}");
        SplittableRandom rnd = new SplittableRandom(42);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < JSON_FRAMES; i++) {
            byte[] frame = mutateJson(seeds.get(rnd.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8), rnd);
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            try {
                if ((i & 1) == 0) {
                    PredictRequest r = JsonCodec.decodeRequest(buf, MAX_ELEMENTS);
                    for (float v : r.inputs()) {
                        assertTrue(Float.isFinite(v));
                    }
                } else {
                    JsonCodec.decodeAnswer(buf);
                }
                decoded++;
            } catch (ProtocolException e) {
                rejected++;
            } catch (RuntimeException e) {
                fail("json " + new String(frame, StandardCharsets.UTF_8) + " threw " + e, e);
            }
        }
        assertEquals(JSON_FRAMES, decoded + rejected);
        assertTrue(decoded > 1000 && rejected > 1000, "mutations should both pass and fail: " + decoded + "/" + rejected);
    }

    private static byte[] bigRequest() {
        float[] in = new float[4 * 64];
        for (int i = 0; i < in.length; i++) {
            in[i] = i * 0.5f;
        }
        ByteBuf b = Unpooled.buffer();
        BinaryCodec.writeRequest(new PredictRequest(77, 4, 64, in), b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static byte[] mutateBinary(byte[] seed, SplittableRandom rnd) {
        byte[] f = seed.clone();
        int ops = 1 + rnd.nextInt(3);
        for (int k = 0; k < ops; k++) {
            switch (rnd.nextInt(8)) {
                case 0 -> f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                case 2 -> { // a header field to an extreme: rows, cols, message length
                    int at = new int[] {2, 3, 4, 5, 6, 7}[rnd.nextInt(6)];
                    if (at < f.length) {
                        f[at] = (byte) (rnd.nextBoolean() ? 0xFF : 0x00);
                    }
                }
                case 3 -> f = java.util.Arrays.copyOf(f, rnd.nextInt(f.length + 1));
                case 4 -> f = java.util.Arrays.copyOf(f, f.length + 1 + rnd.nextInt(64));
                case 5 -> { // a float to NaN or infinity
                    if (f.length >= 20) {
                        int at = 16 + 4 * rnd.nextInt((f.length - 16) / 4);
                        int bits = rnd.nextBoolean() ? 0x7fc00000 : 0x7f800000;
                        f[at] = (byte) bits;
                        f[at + 1] = (byte) (bits >> 8);
                        f[at + 2] = (byte) (bits >> 16);
                        f[at + 3] = (byte) (bits >> 24);
                    }
                }
                case 6 -> f[Math.min(1, f.length - 1)] = (byte) rnd.nextInt(5); // kind
                default -> f[0] = (byte) rnd.nextInt(3); // version
            }
            if (f.length == 0) {
                break;
            }
        }
        return f;
    }

    private static final byte[][] JSON_TOKENS = bytes("{", "}", "[", "]", ",", ":", "\"", "null", "NaN", "-Infinity",
            "1e400", "-0", "9007199254740993", "\"id\"", "\"inputs\"", "\"outputs\"", "\"error\"", "[[", "]]", "\\u0000",
            "\u00e9", "true", "1.5", "[[[[[[[[[[", "\"code\"", "\"OVERLOADED\"");

    private static byte[] mutateJson(byte[] seed, SplittableRandom rnd) {
        List<Byte> f = new ArrayList<>(seed.length + 16);
        for (byte b : seed) {
            f.add(b);
        }
        int ops = 1 + rnd.nextInt(3);
        for (int k = 0; k < ops && !f.isEmpty(); k++) {
            int at = rnd.nextInt(f.size());
            switch (rnd.nextInt(5)) {
                case 0 -> f.remove(at);
                case 1 -> f.set(at, (byte) rnd.nextInt(256));
                case 2 -> {
                    byte[] t = JSON_TOKENS[rnd.nextInt(JSON_TOKENS.length)];
                    for (int j = t.length - 1; j >= 0; j--) {
                        f.add(at, t[j]);
                    }
                }
                case 3 -> f.subList(at, Math.min(f.size(), at + 1 + rnd.nextInt(8))).clear();
                default -> f.subList(at, f.size()).clear();
            }
        }
        byte[] out = new byte[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get(i);
        }
        return out;
    }

    private static byte[][] bytes(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
