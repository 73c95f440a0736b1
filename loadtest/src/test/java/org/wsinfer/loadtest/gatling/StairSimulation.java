package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import org.wsinfer.protocol.Framing;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A stepped capacity view: user arrivals rise by {@code wsinfer.stair.stepRate} per second at each of
 * {@code wsinfer.stair.levels} levels of {@code wsinfer.stair.levelDuration}, starting from
 * {@code wsinfer.stair.startRate}; Gatling's charts then show the answer time at each level.
 */
public final class StairSimulation extends Simulation {
    private final SimulationContext context = SimulationContext.fromSystemProperties();

    {
        GatlingSettings s = context.settings();
        Framing framing = s.framing();
        ScenarioBuilder scn = scenario("stair " + framing.label())
                .exec(context.exchanges().connection(framing, s.requestsPerUser(), s.think()));
        setUp(scn.injectOpen(incrementUsersPerSec(s.stairStepHz())
                .times(s.stairLevels())
                .eachLevelLasting(s.stairLevel())
                .separatedByRampsLasting(s.stairRamp())
                .startingFrom(s.stairStartHz())))
                .protocols(context.httpProtocol())
                .assertions(SloAssertions.forAnswers(s, framing));
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
