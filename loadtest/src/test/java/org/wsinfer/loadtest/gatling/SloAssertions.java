package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.Assertion;
import org.wsinfer.protocol.Framing;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The assertions that gate CI, from the settings: the answer check's p99 under {@code wsinfer.sloP99Ms}, its failed
 * share at most {@code wsinfer.maxFailedPct}, its rate at least {@code wsinfer.minAnswersPerSec}, and no more failed
 * requests of any kind (handshakes included) than that share.
 */
public final class SloAssertions {

    private SloAssertions() {
    }

    /** The assertions on the answer checks of {@code framings}. */
    public static List<Assertion> forAnswers(GatlingSettings s, Framing... framings) {
        List<Assertion> list = new ArrayList<>();
        for (Framing f : framings) {
            // Gatling's WebSocket statistics carry two entries per exchange: the send ("predict <framing>"), which
            // completes as soon as the frame is written and so is always ~0 ms, and the check ("answer <framing>"),
            // whose time runs from the send to the validated answer, i.e. the round trip. global() mixes both and
            // would halve the percentiles' meaning, so latency and rate are asserted on details(<check name>).
            String answer = PredictExchanges.answerName(f);
            list.add(details(answer).responseTime().percentile(99.0).lt(s.sloP99Ms()));
            list.add(details(answer).failedRequests().percent().lte(s.maxFailedPct()));
            list.add(details(answer).requestsPerSec().gte(s.minAnswersPerSec()));
            // with no answer check at all the three above hold vacuously: require that answers were counted
            list.add(details(answer).allRequests().count().gt(0L));
        }
        // failed handshakes or closes are not answers, but they fail the run too
        list.add(global().failedRequests().percent().lte(s.maxFailedPct()));
        return list;
    }

    /** The handshake assertions of the churn simulation: p99 under {@code wsinfer.churn.connectP99Ms}, none failed. */
    public static List<Assertion> forHandshakes(GatlingSettings s, Framing framing) {
        String connect = PredictExchanges.connectName(framing);
        return List.of(
                details(connect).responseTime().percentile(99.0).lt(s.connectP99Ms()),
                details(connect).failedRequests().percent().lte(s.maxFailedPct()));
    }
}
