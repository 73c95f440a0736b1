package org.wsinfer.server.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads and writes float32 arrays in numpy's .npy format (versions 1.0, 2.0 and 3.0 read; 1.0 written).
 * Only little-endian float32 ({@code '<f4'}) is accepted; C and Fortran order are both read, C order is written.
 * Every size in a header is checked against the file before anything is allocated.
 */
public final class Npy {

    /** The six magic bytes every .npy file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The only dtype accepted: little-endian IEEE float32. */
    public static final String FLOAT32 = "<f4";
    /** Header alignment used by numpy >= 1.14 (and by {@link #write}). */
    static final int ALIGNMENT = 64;
    /** Upper bound on a header's length; numpy itself refuses headers above 10,000 bytes by default. */
    static final int MAX_HEADER_BYTES = 1 << 16;
    /** Largest element count a Java float[] can hold. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Npy() {
    }

    /** Reads only the header of {@code p}, checking it against the file size. */
    public static NpyHeader readHeader(Path p) throws ModelException {
        try (FileChannel ch = open(p)) {
            return readHeader(p, ch, ch.size());
        } catch (IOException e) {
            throw new ModelException(p, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a float32 array from {@code p}; the result is always in C order. */
    public static NpyArray read(Path p) throws ModelException {
        try (FileChannel ch = open(p)) {
            long fileSize = ch.size();
            NpyHeader h = readHeader(p, ch, fileSize);
            int n = (int) h.elementCount(); // checked against MAX_ELEMENTS and the file size by readHeader
            ByteBuffer buf = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(p, ch, buf, h.dataOffset());
            buf.flip();
            float[] data = new float[n];
            buf.asFloatBuffer().get(data);
            if (h.fortranOrder() && h.shape().length > 1) {
                data = fortranToC(data, h.shape());
            }
            return new NpyArray(h.shape(), data);
        } catch (IOException e) {
            throw new ModelException(p, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} with the given shape as a version 1.0, C-order, {@code '<f4'} .npy file. */
    public static void write(Path p, float[] data, int... shape) throws IOException {
        NpyArray checked = new NpyArray(shape, data); // validates shape against data length
        byte[] header = header(checked.shape());
        ByteBuffer buf = ByteBuffer.allocate(header.length + data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        buf.asFloatBuffer().put(data);
        buf.position(buf.capacity());
        buf.flip();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /** Writes {@code array} as a version 1.0, C-order, {@code '<f4'} .npy file. */
    public static void write(Path p, NpyArray array) throws IOException {
        write(p, array.data(), array.shape());
    }

    /** The complete version 1.0 preamble and header for a C-order float32 array, padded to 64 bytes. */
    static byte[] header(int[] shape) {
        String dict = "{'descr': '" + FLOAT32 + "', 'fortran_order': False, 'shape': "
                + NpyHeader.shapeString(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        int headerLen = total - MAGIC.length - 4;
        StringBuilder b = new StringBuilder(dict);
        while (b.length() < headerLen - 1) {
            b.append(' ');
        }
        b.append('\n');
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (headerLen & 0xff);
        out[9] = (byte) (headerLen >>> 8);
        byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    private static FileChannel open(Path p) throws ModelException {
        try {
            if (Files.isDirectory(p)) {
                throw new ModelException(p, "is a directory, expected a .npy file");
            }
            return FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelException(p, "file not found");
        } catch (AccessDeniedException e) {
            throw new ModelException(p, "permission denied");
        } catch (IOException e) {
            throw new ModelException(p, "cannot open: " + e.getMessage(), e);
        }
    }

    private static NpyHeader readHeader(Path p, FileChannel ch, long fileSize) throws IOException, ModelException {
        if (fileSize < 10) {
            throw new ModelException(p, "not a .npy file: only " + fileSize + " bytes");
        }
        ByteBuffer pre = ByteBuffer.allocate((int) Math.min(12, fileSize)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(p, ch, pre, 0);
        byte[] magic = new byte[MAGIC.length];
        pre.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ModelException(p, "not a .npy file: bad magic (expected \\x93NUMPY)");
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        long headerLen;
        int preamble;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xffff;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            if (fileSize < 12) {
                throw new ModelException(p, "truncated .npy preamble");
            }
            headerLen = pre.getInt(8) & 0xffffffffL;
            preamble = 12;
        } else {
            throw new ModelException(p, "unsupported .npy format version " + major + "." + minor);
        }
        if (headerLen > MAX_HEADER_BYTES) {
            throw new ModelException(p, "header length " + headerLen + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (preamble + headerLen > fileSize) {
            throw new ModelException(p, "truncated: header declares " + headerLen + " header bytes, file has only "
                    + (fileSize - preamble) + " after the preamble");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(p, ch, hb, preamble);
        String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new ModelException(p, "bad header: does not end with a newline");
        }
        NpyHeader.Parsed parsed;
        try {
            parsed = NpyHeader.parseDict(text);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, e.getMessage());
        }
        if (!FLOAT32.equals(parsed.descr())) {
            throw new ModelException(p, "unsupported dtype '" + parsed.descr() + "': only little-endian float32 ('"
                    + FLOAT32 + "') is accepted; convert with array.astype('<f4')");
        }
        NpyHeader h = new NpyHeader(major, minor, parsed.descr(), parsed.fortranOrder(), parsed.shape(),
                preamble + headerLen);
        long n = h.elementCount();
        if (n < 0 || n > MAX_ELEMENTS) {
            throw new ModelException(p, "shape " + NpyHeader.shapeString(h.shape()) + " is too large");
        }
        long dataBytes = n * Float.BYTES;
        long held = fileSize - h.dataOffset();
        if (held < dataBytes) {
            throw new ModelException(p, "truncated: shape " + NpyHeader.shapeString(h.shape()) + " needs " + dataBytes
                    + " data bytes, file holds " + held);
        }
        if (held > dataBytes) {
            throw new ModelException(p, (held - dataBytes) + " unexpected bytes after the data of shape "
                    + NpyHeader.shapeString(h.shape()));
        }
        return h;
    }

    private static void readFully(Path p, FileChannel ch, ByteBuffer buf, long position) throws IOException, ModelException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) {
                throw new ModelException(p, "truncated: file ended at byte " + at);
            }
            at += r;
        }
    }

    /** Reorders column-major (Fortran) data into row-major (C) data of the same shape. */
    static float[] fortranToC(float[] f, int[] shape) {
        int rank = shape.length;
        float[] c = new float[f.length];
        int[] idx = new int[rank];
        long[] fStride = new long[rank];
        long s = 1;
        for (int d = 0; d < rank; d++) {
            fStride[d] = s;
            s *= shape[d];
        }
        for (int ci = 0; ci < c.length; ci++) {
            long fi = 0;
            for (int d = 0; d < rank; d++) {
                fi += idx[d] * fStride[d];
            }
            c[ci] = f[(int) fi];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return c;
    }
}
