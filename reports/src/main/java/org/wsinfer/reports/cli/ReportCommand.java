package org.wsinfer.reports.cli;

import org.wsinfer.reports.render.HtmlWriter;
import org.wsinfer.reports.render.MarkdownWriter;
import org.wsinfer.reports.render.ReportBuilder;
import org.wsinfer.reports.render.ReportConfig;
import org.wsinfer.reports.render.ReportJsonWriter;
import org.wsinfer.reports.render.ReportModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code report RESULTS_DIR... --out DIR}: writes index.html, summary.md, report.json and PNG plots. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Report on results folders: index.html (self-contained, plots beside it), summary.md, report.json.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "results folders or single drive folders")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--slo-p99-us", defaultValue = "2000", paramLabel = "US",
            description = "p99 SLO in µs for sweeps without a capacity search (default: ${DEFAULT-VALUE})")
    double sloP99Us;

    @Option(names = "--title", defaultValue = "wsinfer benchmark report", description = "page title")
    String title;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        ReportConfig config = new ReportConfig(inputs, out, sloP99Us, title);
        ReportModel model = new ReportBuilder(clock).build(config);
        if (model.results().isEmpty()) {
            spec.commandLine().getErr().println("error: no results (summary.json, capacity.json, sweep.json, "
                    + "jmh.json, Gatling report) found under " + inputs);
            return ReportsCli.BAD_INPUT;
        }
        Path html = HtmlWriter.write(model);
        MarkdownWriter.write(model);
        ReportJsonWriter.write(model);
        var w = spec.commandLine().getOut();
        model.headline().sentences().forEach(w::println);
        w.printf("report: %s (%d runs, %d plots)%n", html, model.groups().size(), model.plots().size());
        w.flush();
        return 0;
    }
}
