package io.barelb.runtime.cli;
import io.barelb.runtime.controller.Plan;

import io.barelb.runtime.cli.support.KubernetesOptions;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.kube.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code barelb plan --config FILE... [--services FILE]}: a dry run of a new configuration over the current
 * Services (from the cluster, or from a file of Service YAML). Prints which Service would keep, get, change or
 * lose which address. Exit 0 when no address in use would move, 2 when one would (unless
 * {@code --allow-changes}), 1 when the configuration is invalid.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what a new configuration would do to the addresses of the current Services.")
public final class PlanCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "FILE",
            description = "the new configuration (CRs of either group and/or the legacy ConfigMap)")
    List<Path> config = new ArrayList<>();

    @Option(names = "--services", paramLabel = "FILE",
            description = "Services (and Namespaces) as YAML instead of reading them from the cluster")
    Path services;

    @Mixin
    KubernetesOptions kubernetes = new KubernetesOptions();

    @Mixin
    io.barelb.runtime.cli.support.RequestTimeout requestTimeout = new io.barelb.runtime.cli.support.RequestTimeout();

    @Option(names = "--lb-class", description = "the controller's --lb-class")
    String lbClass;

    @Option(names = "--allow-changes", description = "exit 0 even when addresses in use would change")
    boolean allowChanges;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    /** Loads the plugins from {@code --plugins-dir} once the command line is parsed. */
    public PlanCommand() {
        this.plugins = new PluginOptions();
    }

    /** With the given factories instead of loaded plugins (tests, embedding). */
    public PlanCommand(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this.plugins = PluginOptions.of(ipamFactories, announcerFactories);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigValidator validator = plugins.validator();
        ConfigReader reader = validator.reader();
        List<ConfigInput> inputs = new ArrayList<>();
        for (Path file : config) {
            inputs.add(reader.readYaml(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        Validation validation = validator.validate(ConfigInput.merge(inputs));
        PluginOptions.printNotices(validation, err);
        if (!validation.valid()) {
            err.println("the new configuration is invalid:");
            validation.problems().stream().map(ConfigProblem::message).forEach(p -> err.println("  " + p));
            err.flush();
            return 1;
        }
        List<Service> current;
        Map<String, Map<String, String>> labels;
        if (services != null) {
            current = new ArrayList<>();
            labels = new HashMap<>();
            readServices(Files.readString(services, StandardCharsets.UTF_8), current, labels);
        } else {
            try (KubernetesClient client = kubernetes.shortLivedClient(requestTimeout)) {
                ClusterSnapshot snapshot = ClusterSnapshot.read(client, kubernetes.namespace(), "config", validator.kinds());
                current = snapshot.services();
                labels = snapshot.namespaceLabels();
            }
        }
        List<Plan.Line> lines = Plan.compute(validation.orThrow(), new IpamRegistry(plugins.registry().ipamFactories()), current, labels,
                lbClass == null ? "" : lbClass);
        lines.forEach(out::println);
        long disruptive = lines.stream().filter(Plan.Line::disruptive).count();
        out.println(lines.size() + " Services: " + count(lines, Plan.Action.KEEP) + " keep, " + count(lines, Plan.Action.GET)
                + " get, " + count(lines, Plan.Action.CHANGE) + " change, " + count(lines, Plan.Action.LOSE) + " lose, "
                + count(lines, Plan.Action.NONE) + " without address");
        out.flush();
        if (disruptive > 0 && !allowChanges) {
            err.println(disruptive + " Services would change address; rerun with --allow-changes to accept that");
            err.flush();
            return 2;
        }
        return 0;
    }

    private static long count(List<Plan.Line> lines, Plan.Action action) {
        return lines.stream().filter(l -> l.action() == action).count();
    }

    /** Reads Services and Namespaces (also inside {@code kind: List}) from multi-document YAML. */
    static void readServices(String yaml, List<Service> services, Map<String, Map<String, String>> labels) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<Object> documents = new ArrayList<>();
        try (MappingIterator<Object> values = YAMLMapper.builder().build().readerFor(Object.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof Map<?, ?> map) {
                if ("List".equals(map.get("kind")) && map.get("items") instanceof List<?> items) {
                    documents.addAll(items);
                } else if ("Service".equals(map.get("kind"))) {
                    Service service = serialization.convertValue(map, Service.class);
                    if (service.getMetadata().getNamespace() == null) {
                        service.getMetadata().setNamespace("default");
                    }
                    services.add(service);
                } else if ("Namespace".equals(map.get("kind")) && map.get("metadata") instanceof Map<?, ?> meta) {
                    Map<String, String> nsLabels = new HashMap<>();
                    if (meta.get("labels") instanceof Map<?, ?> l) {
                        l.forEach((k, v) -> nsLabels.put(String.valueOf(k), String.valueOf(v)));
                    }
                    labels.put(String.valueOf(meta.get("name")), nsLabels);
                }
            }
        }
    }
}
