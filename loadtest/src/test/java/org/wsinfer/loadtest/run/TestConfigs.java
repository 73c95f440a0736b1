package org.wsinfer.loadtest.run;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.protocol.Framing;

/** Short, bounded drive configurations for the tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    static DriverConfig.Builder shortRun(URI url, Path out, Framing framing, double rateHz, Duration duration) {
        return DriverConfig.builder()
                .url(url)
                .framing(framing)
                .rateHz(rateHz)
                .duration(duration)
                .warmup(Duration.ZERO)
                .connections(2)
                .timeout(Duration.ofSeconds(3))
                .interval(Duration.ofMillis(500))
                .minDuration(Duration.ofMillis(500))
                .minRequests(50)
                // the test machine is shared: judge the driver's own lag loosely here, the tests check the figures
                .maxSendLagP99(Duration.ofMillis(200))
                .clockSamples(1)
                .quiet(true)
                .outDir(out);
    }
}
