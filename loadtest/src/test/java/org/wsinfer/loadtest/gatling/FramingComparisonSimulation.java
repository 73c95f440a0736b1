package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import org.wsinfer.protocol.Framing;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Binary and text users side by side in one run, with the same injection and the same payloads (request {@code k}
 * of either framing carries the same inputs), so that one Gatling report shows both framings' answer times.
 */
public final class FramingComparisonSimulation extends Simulation {
    private final SimulationContext context = SimulationContext.fromSystemProperties();

    {
        GatlingSettings s = context.settings();
        ScenarioBuilder binary = scenario("predict binary")
                .exec(context.exchanges().connection(Framing.BINARY, s.requestsPerUser(), s.think()));
        ScenarioBuilder text = scenario("predict text")
                .exec(context.exchanges().connection(Framing.TEXT, s.requestsPerUser(), s.think()));
        setUp(PredictSimulation.inject(binary, s), PredictSimulation.inject(text, s))
                .protocols(context.httpProtocol())
                .assertions(SloAssertions.forAnswers(s, Framing.BINARY, Framing.TEXT));
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
