package org.wsinfer.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code model}: the parent of the model subcommands ({@code inspect}). */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Model directory tools.",
        subcommands = {ModelInspectCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "model: a subcommand is required (inspect)");
    }
}
