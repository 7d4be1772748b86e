package io.barelb.runtime.cli;

import picocli.CommandLine.Command;

/** The top-level {@code barelb} command; each job is a subcommand. */
@Command(name = "barelb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "BareLB: LoadBalancer Services for bare-metal Kubernetes.",
        subcommands = {
            PluginsCommand.class,
            ControllerCommand.class,
            SpeakerCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            PoolsCommand.class,
            StatusCommand.class,
            picocli.CommandLine.HelpCommand.class,
        })
public final class BareLbCommand implements Runnable {

    /** Read by {@link Main} before parsing (loggers are configured before any exists); declared so it parses. */
    @picocli.CommandLine.Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log more: which plugins were loaded, and BareLB's debug messages.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
