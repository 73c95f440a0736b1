package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import org.wsinfer.protocol.Framing;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Many short connections: {@code wsinfer.churn.rate} new users per second for {@code wsinfer.duration}, each
 * connecting, sending {@code wsinfer.churn.requestsPerConnection} validated requests and closing, so that the
 * report's "connect" entry shows the WebSocket handshake cost next to the answer times.
 */
public final class ConnectionChurnSimulation extends Simulation {
    private final SimulationContext context = SimulationContext.fromSystemProperties();

    {
        GatlingSettings s = context.settings();
        Framing framing = s.framing();
        ScenarioBuilder scn = scenario("churn " + framing.label())
                .exec(context.exchanges().connection(framing, s.churnRequests(), s.think()));
        List<Assertion> assertions = new ArrayList<>(SloAssertions.forAnswers(s, framing));
        assertions.addAll(SloAssertions.forHandshakes(s, framing));
        setUp(scn.injectOpen(constantUsersPerSec(s.churnRateHz()).during(s.duration())))
                .protocols(context.httpProtocol())
                .assertions(assertions);
    }

    @Override
    public void before() {
        context.start();
    }

    @Override
    public void after() {
        context.close();
    }
}
