package io.barelb.runtime.archfixture.model;

/** Breaks three rules at once: a lower layer naming the command line, picocli and the embedded API. */
public final class ModelThatUsesTheCommandLine {

    public static Object violations() {
        return new Object[] {io.barelb.runtime.cli.Main.commandLine(), picocli.CommandLine.class,
                io.barelb.embedded.EmbeddedKubernetes.class};
    }
}
