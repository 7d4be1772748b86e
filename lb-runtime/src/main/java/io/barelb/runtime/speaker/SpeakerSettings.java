package io.barelb.runtime.speaker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How this speaker process runs, from its command line. Immutable.
 *
 * @param nodeName          the node this speaker announces from
 * @param loadBalancerClass the Service class handled; empty means Services without a class
 * @param metricsPort       port of the {@code /metrics} endpoint; 0 disables it
 * @param staticPath        the file or folder of the static mode; empty for the Kubernetes API
 * @param statusInterval    how often announcer status is read for events and metrics
 * @param resyncInterval    how often every announcer is handed its current state again ({@code --resync-interval})
 */
public record SpeakerSettings(String nodeName, Optional<String> loadBalancerClass, int metricsPort,
                              Optional<Path> staticPath, Duration statusInterval, Duration resyncInterval) {

    /** The default resynchronisation interval. */
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

    public SpeakerSettings {
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("--resync-interval must be positive, got " + resyncInterval);
        }
    }

    /** Settings with the default resync interval. */
    public SpeakerSettings(String nodeName, Optional<String> loadBalancerClass, int metricsPort,
                           Optional<Path> staticPath, Duration statusInterval) {
        this(nodeName, loadBalancerClass, metricsPort, staticPath, statusInterval, DEFAULT_RESYNC);
    }
}
