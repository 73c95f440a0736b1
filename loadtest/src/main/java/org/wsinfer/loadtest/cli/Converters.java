package org.wsinfer.loadtest.cli;

import java.time.Duration;
import org.wsinfer.loadtest.config.Durations;
import org.wsinfer.loadtest.config.StartAt;
import org.wsinfer.loadtest.schedule.Arrival;
import org.wsinfer.protocol.Framing;
import picocli.CommandLine.ITypeConverter;

/** picocli converters of the driver's option types; a bad value is a usage error (exit code 2) naming the option. */
final class Converters {
    private Converters() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    /** {@code binary} or {@code text}. */
    static final class FramingConverter implements ITypeConverter<Framing> {
        @Override
        public Framing convert(String value) {
            return Framing.parse(value);
        }
    }

    /** {@code constant} or {@code poisson}. */
    static final class ArrivalConverter implements ITypeConverter<Arrival> {
        @Override
        public Arrival convert(String value) {
            return Arrival.parse(value);
        }
    }

    /** An ISO instant or {@code +30s}. */
    static final class StartAtConverter implements ITypeConverter<StartAt> {
        @Override
        public StartAt convert(String value) {
            return StartAt.parse(value);
        }
    }
}
