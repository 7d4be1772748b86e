package io.barelb.runtime.cli;

import picocli.CommandLine.Command;

/** The top-level {@code barelb} command; each job is a subcommand. */
@Command(name = "barelb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "BareLB: LoadBalancer Services for bare-metal Kubernetes.",
        subcommands = {
            PluginsCommand.class,
            io.barelb.runtime.demo.DemoCommand.class,
            io.barelb.runtime.controller.ControllerCommand.class,
            io.barelb.runtime.speaker.SpeakerCommand.class,
            ValidateCommand.class,
            io.barelb.runtime.controller.PlanCommand.class,
            io.barelb.runtime.controller.PoolsCommand.class,
        })
public final class BareLbCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
