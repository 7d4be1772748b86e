package io.barelb.runtime.cli;

import io.barelb.api.LbException;
import picocli.CommandLine;

/** The launcher's entry point: {@code bin/barelb} runs this class. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with BareLB's error handling: a BareLB error prints its message (which names what to fix)
     * and exits 2 instead of a stack trace; anything else keeps picocli's default report.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BareLbCommand());
        for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class)) {
            commandLine.addSubcommand(extension);
        }
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LbException lb) {
                cmd.getErr().println("error [" + lb.code().reason() + "]: " + lb.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine;
    }
}
