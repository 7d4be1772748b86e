package io.barelb.runtime.speaker;

import static io.barelb.runtime.speaker.Fixtures.endpoints;
import static io.barelb.runtime.speaker.Fixtures.loadBalancer;
import static io.barelb.runtime.speaker.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.config.ConfigProblem;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.cli.PluginsCommand;
import io.barelb.runtime.cli.ValidateCommand;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.host.LoggingEventSink;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.plugin.PluginLoader;
import io.barelb.runtime.plugin.PluginRegistry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The promise of issue 8, section 1, kept for a third party: an announcer built at test time against lb-api alone,
 * with a kind of its own ({@code AcmeAdvertisement}, field {@code beacon}) and that kind's CRD in its jar, dropped
 * into a plugins folder, is handed its resources from static files and from the Kubernetes API, judges them in
 * {@code validate}, and a second plugin claiming the same kind stops start-up. A kind no installed plugin claims is
 * reported and blocks no allocation.
 */
@Timeout(60)
class ThirdPartyKindTest {

    private static final String NS = "metallb-system";

    private static final String CONFIG = """
            apiVersion: barelb.io/v1beta1
            kind: IPAddressPool
            metadata: {namespace: metallb-system, name: lab}
            spec: {addresses: [192.0.2.0/28]}
            ---
            apiVersion: barelb.io/v1beta1
            kind: AcmeAdvertisement
            metadata: {namespace: metallb-system, name: beam}
            spec: {ipAddressPools: [lab], beacon: %s}
            """;

    @TempDir
    Path dir;
    private Path plugins;

    @BeforeEach
    void installTheAcmePlugin() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        AcmePluginJar.write(Files.createDirectories(plugins.resolve("acme")), "acme");
    }

    private Speaker speaker(PluginRegistry registry) {
        return new Speaker("node-a", Optional.empty(), Fixtures.ipamFactories(), registry.announcerFactories(),
                factory -> null, new LoggingEventSink(), PrometheusMetrics.standalone(), StatusResources.NONE,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), SpeakerTimings.withResync(java.time.Duration.ofMinutes(5)));
    }

    private static ConfigValidator validator(PluginRegistry registry) {
        return new ConfigValidator(Fixtures.ipamFactories(), io.barelb.runtime.config.KindRegistry.of(registry));
    }

    @Test
    void theJarCarriesItsCrdAndBarelbPluginsListsItsKind() throws Exception {
        try (JarFile jar = new JarFile(plugins.resolve("acme/acme.jar").toFile())) {
            assertThat(jar.getEntry(AcmePluginJar.CRD_PATH)).isNotNull();
        }
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new PluginsCommand());
        line.setOut(new PrintWriter(out));
        assertThat(line.execute("--plugins-dir", plugins.toString())).isZero();

        // the runtime holds no rules for the BGP kinds: without the bgp plugin nothing lists them
        assertThat(out.toString()).contains("acme", "announcer", "AcmeAdvertisement*", "acme.jar")
                .doesNotContain("BGPPeer").doesNotContain("built-in");
    }

    @Test
    void inStaticModeItsAnnouncerIsHandedItsOwnKind() throws Exception {
        PluginRegistry registry = new PluginLoader().load(plugins);
        Path config = Files.createDirectories(dir.resolve("static"));
        Files.writeString(config.resolve("cluster.yaml"), Fixtures.STATIC_CLUSTER_OBJECTS);
        Files.writeString(config.resolve("config.yaml"), CONFIG.formatted("lighthouse-7"));
        LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();

        try (StaticClusterSource source = new StaticClusterSource(config, validator(registry), Duration.ofMillis(50));
             Speaker speaker = speaker(registry)) {
            source.start(views::add);
            ClusterView view = Fixtures.await(views, v -> !v.resources(AcmePluginJar.KIND).isEmpty());
            speaker.reconcile(view);

            assertThat(speaker.status()).singleElement().satisfies(status -> {
                assertThat(status.address()).hasToString("192.0.2.10");
                assertThat(status.where()).containsExactly("AcmeAdvertisement:lighthouse-7");
            });
        }
    }

    @Test
    void throughTheKubernetesApiItsKindIsWatchedAndHandedToIt() throws Exception {
        PluginRegistry registry = new PluginLoader().load(plugins);
        ConfigValidator validator = validator(registry);
        try (EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served(validator.kinds()));
             KubernetesClient client = api.newClient()) {
            client.nodes().resource(node("node-a")).create();
            client.services().inNamespace("web").resource(loadBalancer("web", "nginx", "Cluster", "192.0.2.10")).create();
            client.discovery().v1().endpointSlices().inNamespace("web").resource(endpoints("web", "nginx", "node-a")).create();
            create(client, "IPAddressPool", "ipaddresspools", "lab", Map.of("addresses", List.of("192.0.2.0/28")));
            create(client, "AcmeAdvertisement", "acmeadvertisements", "beam",
                    Map.of("ipAddressPools", List.of("lab"), "beacon", "lighthouse-9"));
            LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();

            try (KubernetesClusterSource source = new KubernetesClusterSource(client, NS, validator);
                 Speaker speaker = speaker(registry)) {
                source.start(views::add);
                ClusterView view = Fixtures.await(views, v -> !v.resources(AcmePluginJar.KIND).isEmpty() && !v.services().isEmpty()
                        && !v.endpointSlices().isEmpty() && !v.nodes().isEmpty());
                speaker.reconcile(view);

                assertThat(speaker.status()).extracting(AnnouncementStatus::where)
                        .containsExactly(List.of("AcmeAdvertisement:lighthouse-9"));
            }
        }
    }

    private static void create(KubernetesClient client, String kind, String plural, String name, Map<String, ?> spec) {
        ResourceDefinitionContext type = new ResourceDefinitionContext.Builder().withGroup("barelb.io")
                .withVersion("v1beta1").withKind(kind).withPlural(plural).withNamespaced(true).build();
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder().withApiVersion("barelb.io/v1beta1")
                .withKind(kind).withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
        client.genericKubernetesResources(type).inNamespace(NS).resource(resource).create();
    }

    @Test
    void validateConsultsThePluginsRulesWithItsSettings() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), CONFIG.formatted("\"no beacon\""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new ValidateCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));

        assertThat(line.execute("--plugins-dir", plugins.toString(), file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("AcmeAdvertisement \"beam\": spec.beacon \"no beacon\": must be NAME-NUMBER,"
                + " e.g. lighthouse-7 (acme's rule)");

        // the plugin reads a setting through its validation context
        Files.writeString(file, CONFIG.formatted("lighthouse-7"));
        System.setProperty("acme.beacon.prefix", "tower");
        try {
            StringWriter again = new StringWriter();
            line.setErr(new PrintWriter(again));
            assertThat(line.execute("--plugins-dir", plugins.toString(), file.toString())).isEqualTo(1);
            assertThat(again.toString()).contains("spec.beacon \"lighthouse-7\": must start with tower"
                    + " (ACME_BEACON_PREFIX of plugin acme)");
        } finally {
            System.clearProperty("acme.beacon.prefix");
        }
    }

    @Test
    void aKindClaimedByTwoPluginsStopsStartUpNamingBothFolders() {
        Path copy = plugins.resolve("acme-copy");
        AcmePluginJar.write(copy, "acme2");

        assertThatThrownBy(() -> new PluginLoader().load(plugins))
                .hasMessageContaining("two plugins claim the configuration kind AcmeAdvertisement")
                .hasMessageContaining(plugins.resolve("acme").toString())
                .hasMessageContaining(copy.toString());
    }

    @Test
    void kindsNoInstalledPluginClaimsAreReportedAndBlockNoAllocation() throws Exception {
        PluginRegistry registry = new PluginLoader().load(plugins);
        ConfigValidator validator = validator(registry);
        String yaml = CONFIG.formatted("lighthouse-7") + """
                ---
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {name: l2}
                spec: {someField: 1}
                ---
                apiVersion: barelb.io/v1beta1
                kind: WidgetRoute
                metadata: {name: w}
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: router}
                spec: {myASN: 64500, peerASN: 64501, peerAddress: 198.51.100.1}
                """;

        Validation validation = validator.validate(validator.reader().readYaml("config.yaml", yaml));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.notices()).extracting(ConfigProblem::message).containsExactly(
                "L2Advertisement \"l2\": kind \"L2Advertisement\": no installed plugin claims kind L2Advertisement"
                        + " (metallb.io/v1beta1); it belongs to plugin layer2: install it in plugins/layer2;"
                        + " this resource is ignored",
                "WidgetRoute \"w\": kind \"WidgetRoute\": no installed plugin claims kind WidgetRoute (barelb.io/v1beta1);"
                        + " the installed plugins claim AcmeAdvertisement, HealthCheck, IPAddressPool, VirtualIP; this"
                        + " resource is ignored",
                "BGPPeer \"router\": kind \"BGPPeer\": no installed plugin claims kind BGPPeer (metallb.io/v1beta2); it"
                        + " belongs to plugin bgp: install it in plugins/bgp; this resource is ignored");
        assertThat(validation.orThrow().resources()).extracting(r -> r.kind()).containsExactly("AcmeAdvertisement");

        Allocator allocator = new Allocator(new IpamRegistry(Fixtures.ipamFactories()));
        assertThat(allocator.configure(validation.orThrow().pools()).accepted()).isTrue();
        assertThat(allocator.assign(ServiceRequest.of(new ServiceKey("web", "nginx"))))
                .isInstanceOfSatisfying(AllocationResult.Assigned.class, assigned ->
                        assertThat(assigned.assignment().addresses()).extracting(Object::toString).containsExactly("192.0.2.0"));
    }
}
