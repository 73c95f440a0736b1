package org.wsinfer.server.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsed header of a .npy file: the Python dict literal {@code {'descr': ..., 'fortran_order': ..., 'shape': (...)}}
 * plus the format version and the byte offset where the array data starts.
 */
public record NpyHeader(int majorVersion, int minorVersion, String descr, boolean fortranOrder, int[] shape,
                        long dataOffset) {

    /** Copies the shape. */
    public NpyHeader {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements the header declares, or -1 if the product overflows a long. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** The shape as numpy prints it, e.g. {@code (16, 2)} or {@code (2,)}. */
    public static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        if (shape.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && majorVersion == h.majorVersion && minorVersion == h.minorVersion
                && descr.equals(h.descr) && fortranOrder == h.fortranOrder && Arrays.equals(shape, h.shape)
                && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + descr.hashCode();
    }

    @Override
    public String toString() {
        return "NpyHeader[v" + majorVersion + "." + minorVersion + ", descr=" + descr + ", fortran_order="
                + fortranOrder + ", shape=" + shapeString(shape) + ", dataOffset=" + dataOffset + "]";
    }

    /**
     * Parses the header dict literal. Accepts exactly the keys {@code descr}, {@code fortran_order} and {@code shape}
     * in any order, single or double quotes, and an optional trailing comma.
     *
     * @throws IllegalArgumentException with a description of the problem
     */
    static Parsed parseDict(String text) {
        return new DictParser(text).parse();
    }

    /** The three values of a header dict. */
    record Parsed(String descr, boolean fortranOrder, int[] shape) {
    }

    /** A strict recursive-descent parser for the tiny Python-literal subset numpy writes. */
    private static final class DictParser {
        private final String s;
        private int pos;

        DictParser(String s) {
            this.s = s;
        }

        Parsed parse() {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            skipWs();
            expect('{');
            skipWs();
            while (peek() != '}') {
                String key = string();
                skipWs();
                expect(':');
                skipWs();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw fail("duplicate key 'descr'");
                        }
                        if (peek() != '\'' && peek() != '"') {
                            throw fail("'descr' must be a simple type string such as '<f4' (structured dtypes are not supported)");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw fail("duplicate key 'fortran_order'");
                        }
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw fail("duplicate key 'shape'");
                        }
                        shape = tuple();
                    }
                    default -> throw fail("unexpected key '" + key + "'");
                }
                skipWs();
                if (peek() == ',') {
                    pos++;
                    skipWs();
                } else if (peek() != '}') {
                    throw fail("expected ',' or '}'");
                }
            }
            pos++;
            skipWs();
            if (pos != s.length()) {
                throw fail("unexpected text after the header dict");
            }
            if (descr == null || fortran == null || shape == null) {
                throw new IllegalArgumentException("header dict must have 'descr', 'fortran_order' and 'shape', got " + s.trim());
            }
            return new Parsed(descr, fortran, shape);
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw fail("expected a quoted string");
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw fail("unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        private boolean bool() {
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw fail("expected True or False");
        }

        private int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            skipWs();
            while (peek() != ')') {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw fail("expected a non-negative integer dimension");
                }
                if (pos - start > 10) {
                    throw fail("dimension too large");
                }
                long d = Long.parseLong(s.substring(start, pos));
                if (d > Integer.MAX_VALUE) {
                    throw fail("dimension " + d + " too large");
                }
                dims.add((int) d);
                skipWs();
                if (peek() == ',') {
                    pos++;
                    skipWs();
                } else if (peek() != ')') {
                    throw fail("expected ',' or ')' in shape");
                }
            }
            pos++;
            if (dims.size() > 32) {
                throw fail("too many dimensions");
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw fail("header dict ends early");
            }
            return s.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("bad header dict at character " + pos + ": " + what + " in " + s.trim());
        }
    }
}
