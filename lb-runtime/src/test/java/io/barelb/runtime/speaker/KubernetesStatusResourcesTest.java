package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.announcer.bgp.BgpAnnouncerFactory;
import io.barelb.announcer.layer2.Layer2AnnouncerFactory;
import io.barelb.api.ServiceKey;
import io.barelb.api.announce.ServiceStatus;
import io.barelb.api.announce.StatusKind;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-Service status objects a node's speaker keeps, of the kinds the announcers declare: MetalLB's
 * {@code ServiceL2Status} (layer2 plugin) and {@code ServiceBGPStatus} (bgp plugin) as the built-in plugins declare
 * them, and a third party's kind through the same SPI. The embedded API server is fabric8's mock server in CRUD mode.
 */
@Timeout(60)
class KubernetesStatusResourcesTest {

    private static final String NS = "metallb-system";
    private static final ServiceKey WEB = new ServiceKey("web", "nginx");
    private static final ServiceKey SHOP = new ServiceKey("shop", "cart");
    private static final StatusKind L2 = Layer2AnnouncerFactory.SERVICE_L2_STATUS;
    private static final StatusKind BGP = BgpAnnouncerFactory.SERVICE_BGP_STATUS;
    private static final StatusKind ACME = new StatusKind("barelb.io/v1beta1", "AcmeStatus", "acmestatuses", "acme-");

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, served());
    private final KubernetesClient client = api.newClient();
    private final KubernetesStatusResources resources = new KubernetesStatusResources(client, NS, "node-a");

    private static List<io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext> served() {
        List<io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext> types = new ArrayList<>(ConfigResourceTypes.served());
        List.of(L2, BGP, ACME).forEach(kind -> types.add(ConfigResourceTypes.of(kind)));
        return types;
    }

    @AfterEach
    void close() {
        resources.close();
        api.close();
    }

    @Test
    void builtInKindsAreDeclaredAsMetalLbDefinesThem() {
        assertThat(L2).isEqualTo(new StatusKind("metallb.io/v1beta1", "ServiceL2Status", "servicel2statuses", "l2-", true));
        assertThat(BGP).isEqualTo(new StatusKind("metallb.io/v1beta1", "ServiceBGPStatus", "servicebgpstatuses", "bgp-"));
        assertThat(new Layer2AnnouncerFactory().statusKind()).contains(L2);
        assertThat(new BgpAnnouncerFactory().statusKind()).contains(BGP);
    }

    @Test
    void oneObjectPerListedServiceAndKindWithNodeAndTheAnnouncersFieldsAndNoneOnceItIsNoLongerListed()
            throws Exception {
        resources.publish(L2, List.of(new ServiceStatus(WEB, Map.of("interfaces",
                List.of(Map.of("name", "eth0"), Map.of("name", "eth1"))))));

        GenericKubernetesResource web = await(L2, list -> list.size() == 1 && list.get(0).get("status") != null).get(0);
        assertThat(web.getMetadata().getName()).startsWith("l2-");
        assertThat(web.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("metallb.io/node", "node-a",
                "metallb.io/service-name", "nginx", "metallb.io/service-namespace", "web"));
        assertThat((Map<String, Object>) web.get("status")).containsExactlyInAnyOrderEntriesOf(Map.of("node", "node-a",
                "serviceName", "nginx", "serviceNamespace", "web",
                "interfaces", List.of(Map.of("name", "eth0"), Map.of("name", "eth1"))));

        // MetalLB's ServiceBGPStatus: per Service the BGPPeers it is configured to be advertised to
        resources.publish(BGP, List.of(new ServiceStatus(WEB, Map.of("peers", List.of("tor-a", "tor-b"))),
                new ServiceStatus(SHOP, Map.of("peers", List.of("tor-a")))));
        List<GenericKubernetesResource> bgp = await(BGP, list -> list.size() == 2
                && list.stream().allMatch(o -> o.get("status") != null));
        assertThat(bgp).allSatisfy(o -> assertThat(o.getMetadata().getName()).startsWith("bgp-"));
        assertThat(bgp).extracting(o -> (Map<String, Object>) o.get("status")).containsExactlyInAnyOrder(
                Map.of("node", "node-a", "serviceName", "nginx", "serviceNamespace", "web",
                        "peers", List.of("tor-a", "tor-b")),
                Map.of("node", "node-a", "serviceName", "cart", "serviceNamespace", "shop", "peers", List.of("tor-a")));
        // the layer2 object is another kind's and stays
        assertThat(await(L2, list -> list.size() == 1)).hasSize(1);

        resources.publish(BGP, List.of(new ServiceStatus(SHOP, Map.of("peers", List.of("tor-b")))));
        List<GenericKubernetesResource> after = await(BGP, list -> list.size() == 1
                && List.of("tor-b").equals(((Map<?, ?>) list.get(0).get("status")).get("peers")));
        assertThat(after.get(0).getMetadata().getLabels()).containsEntry("metallb.io/service-name", "cart");

        resources.publish(BGP, List.of());
        resources.publish(L2, List.of());
        await(BGP, List::isEmpty);
        await(L2, List::isEmpty);
    }

    @Test
    void objectsOfOtherNodesAreLeftAlone() throws Exception {
        try (KubernetesStatusResources other = new KubernetesStatusResources(client, NS, "node-b")) {
            other.publish(BGP, List.of(new ServiceStatus(WEB, Map.of("peers", List.of("tor-a")))));
            await(BGP, list -> list.size() == 1 && list.get(0).get("status") != null);
        }
        resources.publish(BGP, List.of());
        resources.publish(BGP, List.of(new ServiceStatus(SHOP, Map.of("peers", List.of("tor-a")))));

        List<GenericKubernetesResource> both = await(BGP, list -> list.size() == 2);
        assertThat(both).extracting(o -> o.getMetadata().getLabels().get("metallb.io/node"))
                .containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void anExclusiveKindsNewOwnerRemovesTheOldOwnersObjectOfThatServiceOnly() throws Exception {
        try (KubernetesStatusResources old = new KubernetesStatusResources(client, NS, "node-b")) {
            old.publish(L2, List.of(new ServiceStatus(WEB, Map.of()), new ServiceStatus(SHOP, Map.of())));
            await(L2, list -> list.size() == 2 && list.stream().allMatch(o -> o.get("status") != null));
        }

        resources.publish(L2, List.of(new ServiceStatus(WEB, Map.of("interfaces", List.of(Map.of("name", "eth0"))))));

        List<GenericKubernetesResource> after = await(L2, list -> list.size() == 2 && list.stream().anyMatch(
                o -> "node-a".equals(o.getMetadata().getLabels().get("metallb.io/node")) && o.get("status") != null));
        assertThat(after).extracting(o -> o.getMetadata().getLabels().get("metallb.io/service-name") + "@"
                + o.getMetadata().getLabels().get("metallb.io/node"))
                .as("WEB's object is node-a's alone; node-b keeps SHOP, which node-a does not list")
                .containsExactlyInAnyOrder("nginx@node-a", "cart@node-b");
    }

    @Test
    void newObjectsAreOwnedByTheSpeakersPodWhenItIsKnown() throws Exception {
        var owner = SpeakerPod.ownerIn(Map.of("POD_NAME", "speaker-x7k2p", "POD_UID", "0b6e-11", "POD_NAMESPACE", NS), NS);
        try (KubernetesStatusResources owned = new KubernetesStatusResources(client, NS, "node-c", owner)) {
            owned.publish(BGP, List.of(new ServiceStatus(WEB, Map.of("peers", List.of("tor-a")))));
            List<GenericKubernetesResource> objects = await(BGP, list -> list.size() == 1);
            assertThat(objects.get(0).getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(ref -> assertThat(List.of(ref.getApiVersion(), ref.getKind(), ref.getName(), ref.getUid()))
                            .containsExactly("v1", "Pod", "speaker-x7k2p", "0b6e-11"));
        }
    }

    @Test
    void thePodOwnsObjectsOnlyWhenFullyNamedAndInTheConfigurationNamespace() {
        assertThat(SpeakerPod.ownerIn(Map.of(), NS)).isEmpty();
        assertThat(SpeakerPod.ownerIn(Map.of("POD_NAME", "speaker-x7k2p", "POD_NAMESPACE", NS), NS)).as("no uid").isEmpty();
        assertThat(SpeakerPod.ownerIn(Map.of("POD_NAME", "speaker-x7k2p", "POD_UID", "0b6e-11",
                "POD_NAMESPACE", "kube-system"), NS)).as("a cross-namespace owner would get the objects collected").isEmpty();
    }

    private List<GenericKubernetesResource> await(StatusKind kind, Predicate<List<GenericKubernetesResource>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<GenericKubernetesResource> objects = client.genericKubernetesResources(ConfigResourceTypes.of(kind))
                    .inNamespace(NS).list().getItems();
            if (condition.test(objects)) {
                return objects;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the " + kind.kind() + " objects did not match within 20 s");
    }

    @Test
    void theSpeakerInKubernetesModeWritesTheKindAThirdPartysAnnouncerDeclares() throws Exception {
        Fixtures.seedCluster(client, NS);
        RecordingAnnouncerFactory acme = new RecordingAnnouncerFactory("layer2", false, Optional.of(ACME));
        SpeakerProcess process = Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(), List.of(acme)),
                new SpeakerModule(new SpeakerSettings("node-a", Optional.empty(), 0, Optional.empty(), Duration.ofMillis(50))),
                new KubernetesSourceModule(client, NS)).getInstance(SpeakerProcess.class);
        process.start();
        try {
            GenericKubernetesResource web = await(ACME, list -> list.size() == 1 && list.get(0).get("status") != null)
                    .get(0);
            assertThat(web.getMetadata().getName()).startsWith("acme-");
            assertThat((Map<String, Object>) web.get("status")).containsEntry("node", "node-a")
                    .containsEntry("serviceName", "nginx").containsEntry("where", List.of("eth0"));
            // an announcer that declares no status kind gets no objects: none of the others were written
            assertThat(client.genericKubernetesResources(ConfigResourceTypes.of(L2)).inNamespace(NS).list().getItems())
                    .isEmpty();
        } finally {
            process.stop();
        }
    }

    @Test
    void theSpeakerWritesServiceBgpStatusForTheRealBgpPluginWhateverTheSessionsState() throws Exception {
        Fixtures.seedCluster(client, NS);
        try (java.net.ServerSocket router = routerSocket()) {
            create("metallb.io/v1beta2", "BGPPeer", "bgppeers", "router", Map.of("myASN", 64512, "peerASN", 64513,
                    "peerAddress", "127.0.0.1", "peerPort", router.getLocalPort()));
            create("metallb.io/v1beta1", "BGPAdvertisement", "bgpadvertisements", "lab",
                    Map.of("ipAddressPools", List.of("lab")));
            SpeakerProcess process = Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(),
                            List.of(new BgpAnnouncerFactory())),
                    new SpeakerModule(new SpeakerSettings("node-a", Optional.empty(), 0, Optional.empty(),
                            Duration.ofMillis(50))),
                    new KubernetesSourceModule(client, NS)).getInstance(SpeakerProcess.class);
            process.start();
            try {
                // the session never reaches Established (nobody answers the OPEN): MetalLB lists the configured peers
                GenericKubernetesResource web = await(BGP, list -> list.size() == 1 && list.get(0).get("status") != null)
                        .get(0);
                assertThat(web.getMetadata().getName()).startsWith("bgp-");
                assertThat(web.getMetadata().getLabels()).containsEntry("metallb.io/node", "node-a")
                        .containsEntry("metallb.io/service-name", "nginx");
                assertThat((Map<String, Object>) web.get("status")).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "node", "node-a", "serviceName", "nginx", "serviceNamespace", "web", "peers", List.of("router")));
            } finally {
                process.stop();
            }
        }
    }

    /** A listening socket on a loopback port a BGPPeer may name (peerPort is at most 16384). */
    private static java.net.ServerSocket routerSocket() throws java.io.IOException {
        for (int port = 16384; port > 10000; port--) {
            try {
                return new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (java.net.BindException taken) {
                // try the next one
            }
        }
        throw new java.io.IOException("no free loopback port in 10001-16384");
    }

    private void create(String apiVersion, String kind, String plural, String name, Map<String, Object> spec) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        client.genericKubernetesResources(ConfigResourceTypes.of(group, apiVersion.substring(group.length() + 1), kind,
                        plural)).inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion(apiVersion)
                        .withKind(kind).withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                        .addToAdditionalProperties("spec", spec).build()).create();
    }
}
