package io.barelb.runtime.cli;

import io.barelb.api.LbException;
import picocli.CommandLine;

/** The launcher's entry point: {@code bin/barelb} runs this class. */
public final class Main {

    private Main() {
    }

    /** Commands that run until stopped: they log what they load at start, as a daemon should. */
    private static final java.util.Set<String> LONG_RUNNING = java.util.Set.of("controller", "speaker", "demo");

    public static void main(String[] args) {
        io.barelb.runtime.cli.support.LogFormat.requested(java.util.List.of(args), System.getenv())
                .orElse(io.barelb.runtime.cli.support.LogFormat.plain).select();
        quietUnlessAsked(args);
        System.exit(commandLine().execute(args));
    }

    /**
     * Short commands (validate, plan, pools, plugins) print their answer, not which plugin folders were loaded:
     * that goes to the log only for the long-running jobs or with {@code -v}. Decided before the first logger
     * exists, so it reads the arguments itself.
     */
    static void quietUnlessAsked(String[] args) {
        java.util.List<String> given = java.util.List.of(args);
        boolean verbose = given.contains("-v") || given.contains("--verbose");
        boolean longRunning = given.stream().filter(arg -> !arg.startsWith("-")).findFirst()
                .filter(LONG_RUNNING::contains).isPresent();
        if (!verbose && !longRunning) {
            System.setProperty("org.slf4j.simpleLogger.log.io.barelb.runtime.plugin", "warn");
        }
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.io.barelb", "debug");
        }
    }

    /**
     * The command line with BareLB's error handling: a BareLB error, and a failure the user meets (a missing file,
     * an unreachable cluster, see {@code UserErrors}), prints one line naming what to fix and exits 2 instead of a
     * stack trace; anything else is a bug and keeps picocli's default report.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BareLbCommand());
        for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class)) {
            commandLine.addSubcommand(extension);
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true); // --log-format JSON, BARELB_LOG_FORMAT=JSON
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LbException lb) {
                cmd.getErr().println("error [" + lb.code().reason() + "]: " + lb.getMessage());
                return 2;
            }
            java.util.Optional<String> expected = io.barelb.runtime.cli.support.UserErrors.describe(e);
            if (expected.isPresent()) {
                cmd.getErr().println("error: " + expected.get());
                return 2;
            }
            throw e;
        });
        return commandLine;
    }
}
