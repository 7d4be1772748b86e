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

    @Override
    public Integer call() throws Exception {
        String nodeName = node != null ? node : System.getenv("NODE_NAME");
        if (nodeName == null || nodeName.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the node name is required: pass --node NAME or set NODE_NAME");
        }
        SpeakerSettings settings = new SpeakerSettings(nodeName, Optional.ofNullable(loadBalancerClass), metricsPort,
                Optional.ofNullable(staticPath), Duration.ofMillis(500));
        com.google.inject.Module source = staticPath != null ? new StaticSourceModule(staticPath)
                : new KubernetesSourceModule(kubernetes.client(), kubernetes.namespace());
        SpeakerProcess process = Injectors.create(plugins.load(), new SpeakerModule(settings), source)
                .getInstance(SpeakerProcess.class);
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "speaker-shutdown"));
        process.start();
        process.awaitStop();
        return 0;
    }
}
