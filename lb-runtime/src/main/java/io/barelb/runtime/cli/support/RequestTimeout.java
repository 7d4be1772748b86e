package io.barelb.runtime.cli.support;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --request-timeout} for commands that ask the cluster once and exit (a picocli mixin). */
public final class RequestTimeout {

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up after this many seconds when the Kubernetes API does not answer"
                    + " (default: ${DEFAULT-VALUE}).")
    long seconds = 10;

    /** The timeout, at least one second. */
    public Duration duration() {
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
