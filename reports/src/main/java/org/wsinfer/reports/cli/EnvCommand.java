package org.wsinfer.reports.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.env.EnvCollector;
import org.wsinfer.reports.env.EnvConfig;
import org.wsinfer.reports.env.LocalProbe;
import org.wsinfer.reports.read.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code env --out FILE --profile P [--config-json STRING]}: writes env.json for a benchmark run. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Write env.json: JVM and flags, CPU, memory, OS and kernel, git commit and dirty flag, "
                + "and the run's configuration.")
public final class EnvCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "env.json to write")
    Path out;

    @Option(names = "--profile", required = true, paramLabel = "P", description = "bench profile, e.g. quick")
    String profile;

    @Option(names = "--config-json", defaultValue = "{}", paramLabel = "JSON",
            description = "the run's configuration as a JSON object (default: ${DEFAULT-VALUE})")
    String configJson;

    @Option(names = "--git-dir", paramLabel = "DIR", description = "where to ask git (default: current directory)")
    Path gitDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    EnvCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        JsonNode configuration;
        try {
            configuration = Json.MAPPER.readTree(configJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--config-json is not valid JSON: " + e.getOriginalMessage());
        }
        EnvConfig config = new EnvConfig(out, profile, configuration);
        Path dir = gitDir != null ? gitDir : Path.of("").toAbsolutePath();
        var env = new EnvCollector(new LocalProbe(dir), clock).collect(config);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Json.MAPPER.writeValue(out.toFile(), env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        spec.commandLine().getOut().println("env: " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
