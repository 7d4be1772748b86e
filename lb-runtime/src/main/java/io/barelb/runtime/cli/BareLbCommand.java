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
        })
public final class BareLbCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
