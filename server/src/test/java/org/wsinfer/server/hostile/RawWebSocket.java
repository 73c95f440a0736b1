package org.wsinfer.server.hostile;

import io.netty.buffer.Unpooled;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.JsonCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client on a plain socket that writes whatever bytes a test wants (truncated frames, bad opcodes, stray
 * continuations, pings without end) and reads the server's frames one by one.
 */
public final class RawWebSocket implements AutoCloseable {
    /** Opcodes. */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** One server frame. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        /** The status code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        /** The answer in a binary or text frame. */
        public Answer answer() {
            if (opcode == BINARY) {
                return BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(payload));
            }
            if (opcode == TEXT) {
                return JsonCodec.decodeAnswer(new String(payload, StandardCharsets.UTF_8));
            }
            throw new AssertionError("opcode " + opcode + " is not an answer");
        }
    }

    /** An HTTP response head (and body when it has a Content-Length). */
    public record HttpAnswer(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    /** A TCP connection to {@code port} on loopback (no handshake yet); reads time out after 10 s. */
    public static RawWebSocket open(int port, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes);
        }
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return new RawWebSocket(s);
    }

    /** Connects and completes a WebSocket handshake on /ws; fails unless the answer is 101. */
    public static RawWebSocket connect(int port) throws IOException {
        RawWebSocket ws = open(port, 0);
        HttpAnswer a = ws.handshake("/ws", Map.of());
        if (a.status() != 101) {
            ws.close();
            throw new AssertionError("handshake answered " + a.status() + ": " + a.body());
        }
        return ws;
    }

    /** Sends a handshake request for {@code path} with extra headers and reads the answer's head. */
    public HttpAnswer handshake(String path, Map<String, String> extra) throws IOException {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + socket.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        extra.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        writeRaw(req.toString().getBytes(StandardCharsets.US_ASCII));
        return readHttp();
    }

    /** Writes raw bytes and flushes. */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads an HTTP response head, and its body when Content-Length says how long it is. */
    public HttpAnswer readHttp() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed after " + head.size() + " bytes of HTTP head: " + head);
            }
            head.write(c);
            last4 = (last4 << 8) | c;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        String length = headers.get("content-length");
        if (length != null && status != 101) {
            byte[] b = new byte[Integer.parseInt(length)];
            in.readFully(b);
            body = new String(b, StandardCharsets.UTF_8);
        }
        return new HttpAnswer(status, headers, body);
    }

    /** One masked frame's bytes (mask key 0x11223344). */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 14);
        b.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            b.write(0x80 | n);
        } else if (n < 65_536) {
            b.write(0x80 | 126);
            b.write(n >>> 8);
            b.write(n);
        } else {
            b.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                b.write((int) ((long) n >>> shift));
            }
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        b.writeBytes(mask);
        for (int i = 0; i < n; i++) {
            b.write(payload[i] ^ mask[i & 3]);
        }
        return b.toByteArray();
    }

    /** Sends one frame. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        writeRaw(frame(fin, opcode, payload));
    }

    /** Sends one complete binary message. */
    public void sendBinary(byte[] payload) throws IOException {
        send(true, BINARY, payload);
    }

    /** Sends one complete text message. */
    public void sendText(String text) throws IOException {
        send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame from the server (throws on timeout or EOF). */
    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long n = b1 & 0x7f;
        if (n == 126) {
            n = in.readUnsignedShort();
        } else if (n == 127) {
            n = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("the server masked a frame");
        }
        byte[] payload = new byte[Math.toIntExact(n)];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** The next frame that is not a pong. */
    public Frame readSkippingPongs() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() != PONG) {
                return f;
            }
        }
    }

    /** The next answer (skipping pongs); fails on a close frame. */
    public Answer readAnswer() throws IOException {
        Frame f = readSkippingPongs();
        if (f.opcode() == CLOSE) {
            throw new AssertionError("expected an answer, got close " + f.closeCode());
        }
        return f.answer();
    }

    /** Reads until a close frame arrives: its code. */
    public int readCloseCode() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == CLOSE) {
                return f.closeCode();
            }
        }
    }

    /** Whether the server closed the TCP connection (EOF or reset) within {@code timeoutMs}, discarding what comes. */
    public boolean awaitEof(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        InputStream raw = in; // what is already buffered comes first
        byte[] sink = new byte[8192];
        try {
            while (raw.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** The socket, for tests that tune it. */
    public Socket socket() {
        return socket;
    }

    /** Closes with an RST (SO_LINGER 0) instead of a FIN: an abrupt disconnect. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
