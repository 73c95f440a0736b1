package org.wsinfer.loadtest.cli;

import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.protocol.Framing;
import picocli.CommandLine.Option;

/** The {@code --framing} and {@code --features} options of the commands that drive one payload shape. */
final class PayloadOptions {
    @Option(names = "--framing", description = "binary or text (default: ${DEFAULT-VALUE})", defaultValue = "binary",
            converter = Converters.FramingConverter.class)
    Framing framing;

    @Option(names = "--features", description = "features per row (default: input_dim from GET /v1/model)",
            defaultValue = "0")
    int features;

    /** Sets the framing and features on {@code builder}. */
    DriverConfig.Builder applyTo(DriverConfig.Builder builder) {
        return builder.framing(framing).features(features);
    }
}
