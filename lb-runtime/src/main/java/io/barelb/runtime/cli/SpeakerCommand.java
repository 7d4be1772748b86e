package io.barelb.runtime.cli;
import io.barelb.runtime.speaker.SpeakerSettings;
import io.barelb.runtime.speaker.StaticSourceModule;
import io.barelb.runtime.speaker.KubernetesSourceModule;
import io.barelb.runtime.speaker.SpeakerModule;
import io.barelb.runtime.speaker.SpeakerProcess;

import io.barelb.runtime.cli.support.KubernetesOptions;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.runtime.wiring.Injectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code barelb speaker}: announces the addresses of this node. */
@Command(name = "speaker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Announce LoadBalancer addresses from this node (layer2, bgp, ...).")
public final class SpeakerCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Mixin
    KubernetesOptions kubernetes;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name (default: $NODE_NAME).")
    String node;

    @Option(names = "--static", paramLabel = "DIR|FILE",
            description = "Read Services, EndpointSlices, Nodes and configuration from YAML files instead of the"
                    + " Kubernetes API, and re-read them when they change.")
    Path staticPath;

    @Option(names = "--lb-class", paramLabel = "CLASS",
            description = "Handle Services of this spec.loadBalancerClass (default: Services without a class).")
    String loadBalancerClass;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "7472",
            description = "Port of the Prometheus /metrics endpoint; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--resync-interval", paramLabel = "DURATION", defaultValue = "5m",
            converter = GoDuration.class,
            description = "How often every announcer is handed its current state again, changed or not, e.g. 30s, 5m, 1h"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration resyncInterval;

    @Override
    public Integer call() throws Exception {
        String nodeName = node != null ? node : System.getenv("NODE_NAME");
        if (nodeName == null || nodeName.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the node name is required: pass --node NAME or set NODE_NAME");
        }
        SpeakerSettings settings = new SpeakerSettings(nodeName, Optional.ofNullable(loadBalancerClass), metricsPort,
                Optional.ofNullable(staticPath), Duration.ofMillis(500), resyncInterval);
        if (staticPath == null) {
            kubernetes.awaitApi("speaker");
        }
        com.google.inject.Module source = staticPath != null ? new StaticSourceModule(staticPath, kubernetes.namespace())
                : new KubernetesSourceModule(kubernetes.client(), kubernetes.namespace());
        SpeakerProcess process = Injectors.create(plugins.load(), new SpeakerModule(settings), source)
                .getInstance(SpeakerProcess.class);
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "speaker-shutdown"));
        process.start();
        process.awaitStop();
        return 0;
    }

    /** A positive whole number with a unit: {@code ms}, {@code s}, {@code m} or {@code h}. */
    static final class GoDuration implements CommandLine.ITypeConverter<Duration> {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("([1-9][0-9]*)(ms|s|m|h)");

        @Override
        public Duration convert(String text) {
            java.util.regex.Matcher match = FORM.matcher(text.trim());
            if (!match.matches()) {
                throw new CommandLine.TypeConversionException("\"" + text + "\" is not a duration: write a positive whole"
                        + " number and a unit, e.g. 30s, 5m or 1h");
            }
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
    }
}
