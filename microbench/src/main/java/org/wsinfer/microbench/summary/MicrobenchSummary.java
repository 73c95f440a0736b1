package org.wsinfer.microbench.summary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code summary}, {@code merge} and {@code compare} over JMH JSON files: the figures docs/MICROBENCH.md quotes.
 * Run with {@code java -cp microbench/target/benchmarks.jar org.wsinfer.microbench.summary.MicrobenchSummary}.
 */
@Command(name = "microbench-summary", mixinStandardHelpOptions = true,
        subcommands = {MicrobenchSummary.Summary.class, MicrobenchSummary.Merge.class, MicrobenchSummary.Compare.class},
        description = "Summarise, merge and compare JMH JSON results of the wsinfer microbenchmarks.")
public final class MicrobenchSummary {

    private MicrobenchSummary() {
    }

    /** Exit code 2 for bad arguments or unreadable input, as every wsinfer CLI. */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new MicrobenchSummary());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    /** The Markdown summary of the given JMH files (codec, inference and pipeline tables). */
    public static String summarise(List<JmhRecord> records) {
        return CodecSummary.markdown(records) + InferenceSummary.markdown(records) + PipelineSummary.markdown(records);
    }

    private static void write(String text, Path out) throws IOException {
        if (out == null) {
            System.out.print(text);
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
    }

    /** {@code summary [--out FILE] JMH.json...}: repeated runs of the same case are pooled into one median. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Markdown tables of JMH JSON files; the iterations of repeated runs of a case are pooled.")
    static final class Summary implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
        Path out;

        @Parameters(arity = "1..*", paramLabel = "JMH.json")
        List<Path> inputs;

        @Override
        public Integer call() throws IOException {
            write(summarise(JmhJson.readPooled(inputs)), out);
            return 0;
        }
    }

    /** {@code merge --out FILE JMH.json...}. */
    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Concatenate JMH JSON files into one.")
    static final class Merge implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Parameters(arity = "1..*", paramLabel = "JMH.json")
        List<Path> inputs;

        @Override
        public Integer call() throws IOException {
            int n = JmhJson.merge(inputs, out);
            System.out.println("merged " + n + " results into " + out);
            return 0;
        }
    }

    /** {@code compare [--out FILE] LABEL=JMH.json[,JMH.json...]...}: the first is the baseline; rounds are pooled. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Medians of the same benchmarks under several settings, with ratios to the first; "
                    + "LABEL=A.json,B.json pools the iterations of repeated rounds of one setting.")
    static final class Compare implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
        Path out;

        @Parameters(arity = "2..*", paramLabel = "LABEL=JMH.json[,JMH.json...]")
        List<String> runs;

        @Override
        public Integer call() throws IOException {
            LinkedHashMap<String, List<JmhRecord>> byLabel = new LinkedHashMap<>();
            for (String run : runs) {
                int eq = run.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected LABEL=FILE, got '" + run + "'");
                }
                List<Path> files = new ArrayList<>();
                for (String f : run.substring(eq + 1).split(",")) {
                    files.add(Path.of(f));
                }
                byLabel.put(run.substring(0, eq), JmhJson.readPooled(files));
            }
            write(SettingsComparison.markdown(byLabel), out);
            return 0;
        }
    }
}
