package io.barelb.runtime.cli;
import io.barelb.runtime.controller.ControllerHealth;
import io.barelb.runtime.controller.ControllerModule;
import io.barelb.runtime.controller.ControllerOptions;
import io.barelb.runtime.controller.ExecutorScheduler;
import io.barelb.runtime.controller.KubernetesControllerModule;
import io.barelb.runtime.controller.LeaderElectedController;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.api.Metrics;
import io.barelb.runtime.cli.support.KubernetesOptions;
import io.barelb.runtime.wiring.Injectors;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.kube.KubeEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code barelb controller}: assigns addresses to LoadBalancer Services. Several replicas may run; one, chosen
 * by a Lease, is active. Uses the in-cluster configuration when run in a pod.
 */
@Command(name = "controller", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Assign addresses to Services of type LoadBalancer (one active replica, chosen by a Lease).")
public final class ControllerCommand implements Callable<Integer> {

    @Mixin
    KubernetesOptions kubernetes = new KubernetesOptions();

    @Option(names = "--lb-class", description = "handle only Services with this spec.loadBalancerClass"
            + " (default: only Services without a class)")
    String lbClass;

    @Option(names = "--config-map", defaultValue = "config",
            description = "name of the legacy MetalLB ConfigMap (default ${DEFAULT-VALUE})")
    String configMap;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "7472",
            description = "Port of the Prometheus /metrics endpoint; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--identity", description = "this replica's name in the Lease (default: $POD_NAME, else host name)")
    String identity;

    @Mixin
    PluginOptions plugins;

    /** Loads the plugins from {@code --plugins-dir} once the command line is parsed. */
    public ControllerCommand() {
        this.plugins = new PluginOptions();
    }

    /** With the given factories instead of loaded plugins (tests, embedding). */
    public ControllerCommand(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this.plugins = PluginOptions.of(ipamFactories, announcerFactories);
    }

    /** The options as given on the command line. */
    ControllerOptions options() {
        return new ControllerOptions(kubernetes.namespace(), configMap, Optional.ofNullable(lbClass).filter(s -> !s.isBlank()),
                identity != null ? identity : defaultIdentity());
    }

    @Override
    public Integer call() throws Exception {
        ControllerOptions options = options();
        kubernetes.awaitApi("controller");
        KubernetesClient client = kubernetes.client();
        PrometheusMetrics metrics = PrometheusMetrics.forProcess("controller");
        com.google.inject.Injector injector = Injectors.create(plugins.registry(), new ControllerModule(options),
                new KubernetesControllerModule(client), binder -> binder.bind(Metrics.class).toInstance(metrics));
        LeaderElectedController elected = injector.getInstance(LeaderElectedController.class);
        HealthChecks health = new HealthChecks();
        ControllerHealth.register(health, elected);
        java.io.Closeable metricsServer = metrics.serve(metricsPort, health);
        KubeEventSink events = injector.getInstance(KubeEventSink.class);
        ExecutorScheduler scheduler = injector.getInstance(ExecutorScheduler.class);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            elected.close();
            scheduler.close();
            events.close();
            try {
                metricsServer.close();
            } catch (java.io.IOException e) {
                // the process is ending; nothing is lost
            }
            stop.countDown();
        }, "barelb-controller-stop"));
        elected.start();
        stop.await();
        return 0;
    }

    static String defaultIdentity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (UnknownHostException e) {
            return "barelb-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
