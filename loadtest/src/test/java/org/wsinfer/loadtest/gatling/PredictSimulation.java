package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import org.wsinfer.protocol.Framing;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Users that each open a WebSocket, send {@code wsinfer.requestsPerUser} validated predict requests in
 * {@code wsinfer.framing} and close; injected open ({@code wsinfer.rate} users/s after a {@code wsinfer.ramp}) or
 * closed ({@code wsinfer.users} concurrent), as {@code wsinfer.workload} says; the defaults run about 12 s.
 */
public final class PredictSimulation extends Simulation {
    private final SimulationContext context = SimulationContext.fromSystemProperties();

    {
        GatlingSettings s = context.settings();
        Framing framing = s.framing();
        ScenarioBuilder scn = scenario("predict " + framing.label())
                .exec(context.exchanges().connection(framing, s.requestsPerUser(), s.think()));
        setUp(inject(scn, s)).protocols(context.httpProtocol()).assertions(SloAssertions.forAnswers(s, framing));
    }

    /** {@code scn} injected with the workload the settings choose. */
    static PopulationBuilder inject(ScenarioBuilder scn, GatlingSettings s) {
        if (s.workload() == Workload.CLOSED) {
            return scn.injectClosed(constantConcurrentUsers(s.users()).during(s.duration()));
        }
        if (s.ramp().isZero()) {
            return scn.injectOpen(constantUsersPerSec(s.rateHz()).during(s.duration()));
        }
        return scn.injectOpen(
                rampUsersPerSec(Math.min(1.0, s.rateHz())).to(s.rateHz()).during(s.ramp()),
                constantUsersPerSec(s.rateHz()).during(s.duration()));
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
