package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import org.wsinfer.protocol.Framing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * Builds a virtual user's WebSocket session in one framing: connect to {@code /ws}, send {@code n} predict requests
 * one at a time, each answer awaited with {@code ws.checkBinaryMessage} / {@code ws.checkTextMessage} and validated
 * by {@link AnswerValidator}, then close the connection.
 */
public final class PredictExchanges {
    /** Session key of the current request's id (unique in the run). */
    public static final String REQUEST_ID = "wsinferRequestId";
    /** Session key of the current request's payload pool entry. */
    public static final String PAYLOAD_INDEX = "wsinferPayloadIndex";

    private final ServerTarget target;
    private final PayloadPool pool;
    private final AnswerValidator validator;
    private final Duration answerTimeout;
    private final AtomicLong ids = new AtomicLong();

    /** Exchanges against {@code target} with payloads from {@code pool}, answers judged by {@code validator}. */
    public PredictExchanges(ServerTarget target, PayloadPool pool, AnswerValidator validator, Duration answerTimeout) {
        this.target = target;
        this.pool = pool;
        this.validator = validator;
        this.answerTimeout = answerTimeout;
    }

    /** Report name of the WebSocket handshake in {@code framing}. */
    public static String connectName(Framing framing) {
        return "connect " + framing.label();
    }

    /** Report name of the send of a request in {@code framing} (always about 0 ms: it does not wait). */
    public static String sendName(Framing framing) {
        return "predict " + framing.label();
    }

    /** Report name of the answer check in {@code framing}: its time is the request's round trip. */
    public static String answerName(Framing framing) {
        return "answer " + framing.label();
    }

    /** Report name of the close in {@code framing}. */
    public static String closeName(Framing framing) {
        return "close " + framing.label();
    }

    /**
     * One connection in {@code framing}: connect, {@code requests} validated exchanges with {@code think} between
     * an answer and the next request, close.
     */
    public ChainBuilder connection(Framing framing, int requests, Duration think) {
        AtomicLong sequence = new AtomicLong();
        ChainBuilder exchange = exec(session -> nextRequest(session, sequence)).exec(exchange(framing));
        if (!think.isZero()) {
            exchange = exchange.exec(pause(think));
        }
        return exec(ws(connectName(framing)).connect(session -> target.uri().toString()))
                .exec(repeat(requests).on(exchange))
                .exec(ws(closeName(framing)).close());
    }

    private Session nextRequest(Session session, AtomicLong sequence) {
        long id = ids.incrementAndGet();
        int index = pool.indexOf(sequence.getAndIncrement());
        return session.set(REQUEST_ID, id).set(PAYLOAD_INDEX, index);
    }

    private io.gatling.javaapi.core.ActionBuilder exchange(Framing framing) {
        if (framing == Framing.BINARY) {
            return ws(sendName(framing))
                    .sendBytes(session -> pool.binaryFrame(session.getLong(REQUEST_ID), session.getInt(PAYLOAD_INDEX)))
                    .await(answerTimeout)
                    .on(ws.checkBinaryMessage(answerName(framing)).check(
                            bodyBytes().validate(AnswerValidator.VALID, (bytes, session) -> require(
                                    validator.checkBinary(bytes, session.getLong(REQUEST_ID),
                                            session.getInt(PAYLOAD_INDEX)), bytes))));
        }
        return ws(sendName(framing))
                .sendText(session -> pool.textFrame(session.getLong(REQUEST_ID), session.getInt(PAYLOAD_INDEX)))
                .await(answerTimeout)
                .on(ws.checkTextMessage(answerName(framing)).check(
                        bodyString().validate(AnswerValidator.VALID, (text, session) -> require(
                                validator.checkText(text, session.getLong(REQUEST_ID),
                                        session.getInt(PAYLOAD_INDEX)), text))));
    }

    /**
     * Passes {@code frame} on when {@code verdict} is {@link AnswerValidator#VALID}; otherwise fails the check with
     * the verdict as its message (Gatling's own {@code is(...)} would report only "failed", not the problem).
     */
    private static <T> T require(String verdict, T frame) {
        if (!AnswerValidator.VALID.equals(verdict)) {
            throw new InvalidAnswerException(verdict);
        }
        return frame;
    }

    /** A failed answer check; carries no stack trace, its message is the problem. */
    static final class InvalidAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidAnswerException(String problem) {
            super(problem, null, false, false);
        }
    }
}
