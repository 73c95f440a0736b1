package org.wsinfer.server.inference;

import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.PredictRequest;

import java.util.Objects;

/** One accepted request on its way through the queue and the model, then back to its connection. */
public final class InferenceJob {
    private final PredictRequest request;
    private final Framing framing;
    private final long decodedAtNs;
    private final AnswerSink sink;
    private Answer answer;

    /** A job for {@code request}, decoded at {@code decodedAtNs} (the server's nano clock), answered to {@code sink}. */
    public InferenceJob(PredictRequest request, Framing framing, long decodedAtNs, AnswerSink sink) {
        this.request = Objects.requireNonNull(request, "request");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.decodedAtNs = decodedAtNs;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The decoded request. */
    public PredictRequest request() {
        return request;
    }

    /** The framing the answer must use. */
    public Framing framing() {
        return framing;
    }

    /** When the frame was decoded, in ns of the server's clock. */
    public long decodedAtNs() {
        return decodedAtNs;
    }

    /** The connection to answer. */
    public AnswerSink sink() {
        return sink;
    }

    /** Rows of the request. */
    public int rows() {
        return request.rows();
    }

    /** The answer, once computed ({@code null} before). */
    public Answer answer() {
        return answer;
    }

    /** Sets the answer (inference thread; published to the event loop by the hand-over to it). */
    public void answer(Answer a) {
        this.answer = a;
    }
}
