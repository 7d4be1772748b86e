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

    /** Read by {@link Main} before parsing, like {@link #verbose}; declared so it parses and shows in the help. */
    @picocli.CommandLine.Option(names = "--log-format", paramLabel = "FORMAT", scope = picocli.CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:BARELB_LOG_FORMAT:-plain}",
            description = "How the log on stderr is written: plain (one line per event) or json (one object per line);"
                    + " default: $BARELB_LOG_FORMAT, else plain. Valid values: ${COMPLETION-CANDIDATES}.")
    io.barelb.runtime.cli.support.LogFormat logFormat;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
