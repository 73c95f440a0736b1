package org.wsinfer.loadtest.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a C-order float32 or float64 {@code .npy} file (format 1.0-3.0) into doubles, with its shape. */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?[fi][48])'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * An array read from a {@code .npy} file.
     *
     * @param shape the dimensions
     * @param data  the values, C order
     */
    public record Array(int[] shape, double[] data) {
    }

    /** Reads {@code file}; the message of the {@link IOException} names the file and the problem. */
    public static Array read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 10 || (all[0] & 0xFF) != 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M'
                || all[4] != 'P' || all[5] != 'Y') {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = all[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = b.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(file + ": unsupported .npy format version " + major);
        }
        if (headerStart + headerLen > all.length) {
            throw new IOException(file + ": truncated header");
        }
        String header = new String(all, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(file + ": header lacks descr, fortran_order or shape: " + header.trim());
        }
        String descr = d.group(1);
        if (descr.startsWith(">")) {
            throw new IOException(file + ": big-endian data is not supported (" + descr + ")");
        }
        if (f.group(1).equals("True")) {
            throw new IOException(file + ": Fortran-order arrays are not supported");
        }
        String[] dims = s.group(1).split(",");
        int count = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        long n = 1;
        int k = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[k] = Integer.parseInt(dim.trim());
                n *= shape[k++];
            }
        }
        char type = descr.charAt(descr.length() - 2);
        int width = descr.charAt(descr.length() - 1) - '0';
        int dataStart = headerStart + headerLen;
        if (all.length - dataStart != n * width) {
            throw new IOException(file + ": " + (all.length - dataStart) + " data bytes for " + n + " values of "
                    + width + " bytes");
        }
        double[] data = new double[(int) n];
        for (int i = 0; i < n; i++) {
            int at = dataStart + i * width;
            if (type == 'f') {
                data[i] = width == 4 ? b.getFloat(at) : b.getDouble(at);
            } else {
                data[i] = width == 4 ? b.getInt(at) : b.getLong(at);
            }
        }
        return new Array(shape, data);
    }
}
