package io.barelb.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code barelb} command line as a user meets it ({@link Main#commandLine()}, its error handling
 * included), with what it printed.
 */
record CliRun(int exitCode, String out, String err) {

    /** Everything printed, standard output first. */
    String all() {
        return out + err;
    }

    static CliRun of(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
