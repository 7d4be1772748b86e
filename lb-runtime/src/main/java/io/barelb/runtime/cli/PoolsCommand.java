package io.barelb.runtime.cli;

import io.barelb.runtime.cli.support.KubernetesOptions;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.Eligibility;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.allocator.RecordedAssignment;
import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.kube.ClusterSnapshot;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code barelb pools}: usage per pool and family (total, assigned, available) of a cluster, from its
 * configuration and the addresses recorded on its Services.
 */
@Command(name = "pools", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show how many addresses of each pool are assigned and available.")
public final class PoolsCommand implements Callable<Integer> {

    @Mixin
    KubernetesOptions kubernetes = new KubernetesOptions();

    @Mixin
    io.barelb.runtime.cli.support.RequestTimeout requestTimeout = new io.barelb.runtime.cli.support.RequestTimeout();

    @Option(names = "--lb-class", description = "the controller's --lb-class")
    String lbClass;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    /** Loads the plugins from {@code --plugins-dir} once the command line is parsed. */
    public PoolsCommand() {
        this.plugins = new PluginOptions();
    }

    /** With the given factories instead of loaded plugins (tests, embedding). */
    public PoolsCommand(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this.plugins = PluginOptions.of(ipamFactories, announcerFactories);
    }

    @Override
    public Integer call() {
        try (KubernetesClient client = kubernetes.shortLivedClient(requestTimeout)) {
            return print(ClusterSnapshot.read(client, kubernetes.namespace(), "config",
                    io.barelb.runtime.config.KindRegistry.of(plugins.registry())));
        }
    }

    /** Prints the usage table of a snapshot; 1 when its configuration is invalid. */
    int print(ClusterSnapshot snapshot) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Validation validation = plugins.validator().validate(snapshot.config());
        PluginOptions.printNotices(validation, err);
        if (!validation.valid()) {
            err.println("the cluster's configuration is invalid:");
            validation.problems().stream().map(ConfigProblem::message).forEach(p -> err.println("  " + p));
            err.flush();
            return 1;
        }
        out.print(table(validation.orThrow(), snapshot));
        out.flush();
        return 0;
    }

    String table(ClusterConfig config, ClusterSnapshot snapshot) {
        try (Allocator allocator = new Allocator(new IpamRegistry(plugins.registry().ipamFactories()))) {
            return table(config, snapshot, allocator);
        }
    }

    private String table(ClusterConfig config, ClusterSnapshot snapshot, Allocator allocator) {
        allocator.configure(config.pools());
        List<RecordedAssignment> recorded = new ArrayList<>();
        String ours = lbClass == null ? "" : lbClass;
        for (Service service : snapshot.services()) {
            if (Eligibility.isServed(KubeServices.type(service), KubeServices.loadBalancerClass(service), ours)
                    && !KubeServices.ingress(service).isEmpty()) {
                try {
                    recorded.add(new RecordedAssignment(KubeServices.request(service, snapshot.namespaceLabels()
                            .getOrDefault(service.getMetadata().getNamespace(), Map.of())), KubeServices.ingress(service)));
                } catch (RuntimeException e) {
                    // unreadable annotations: the controller reports them; the address is not counted
                }
            }
        }
        allocator.restore(recorded);
        StringBuilder text = new StringBuilder(String.format("%-20s %-6s %12s %10s %12s%n", "POOL", "FAMILY", "TOTAL",
                "ASSIGNED", "AVAILABLE"));
        for (PoolUsage usage : allocator.usage()) {
            text.append(String.format("%-20s %-6s %12s %10d %12s%n", usage.pool(), usage.family().kubernetesName(),
                    usage.total(), usage.assigned(), usage.available()));
        }
        return text.toString();
    }
}
