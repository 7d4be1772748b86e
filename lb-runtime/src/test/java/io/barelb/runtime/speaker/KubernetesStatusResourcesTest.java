package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.net.IpAddress;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MetalLB's ServiceL2Status objects, as the speaker of one node keeps them for the layer2 protocol. */
@Timeout(60)
class KubernetesStatusResourcesTest {

    private static final String NS = "metallb-system";
    private static final ServiceKey WEB = new ServiceKey("web", "nginx");
    private static final ServiceKey SHOP = new ServiceKey("shop", "cart");

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served());
    private final KubernetesClient client = api.newClient();
    private final KubernetesStatusResources resources = new KubernetesStatusResources(client, NS, "node-a");

    @AfterEach
    void close() {
        resources.close();
        api.close();
    }

    @Test
    void oneObjectPerAnnouncedServiceWithNodeAndInterfacesAndNoneOnceItIsNoLongerAnnounced() throws Exception {
        resources.publish("layer2", List.of(
                status(WEB, "192.0.2.10", true, "eth0"), status(WEB, "2001:db8::10", true, "eth1"),
                status(SHOP, "192.0.2.11", false)));

        List<GenericKubernetesResource> objects = await(list -> list.size() == 1 && list.get(0).get("status") != null);
        GenericKubernetesResource web = objects.get(0);
        assertThat(web.getMetadata().getName()).startsWith("l2-");
        assertThat(web.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("metallb.io/node", "node-a",
                "metallb.io/service-name", "nginx", "metallb.io/service-namespace", "web"));
        assertThat((Map<String, Object>) web.get("status")).containsExactlyInAnyOrderEntriesOf(Map.of("node", "node-a",
                "serviceName", "nginx", "serviceNamespace", "web",
                "interfaces", List.of(Map.of("name", "eth0"), Map.of("name", "eth1"))));

        resources.publish("bgp", List.of(status(SHOP, "192.0.2.11", true, "192.0.2.1")));
        resources.publish("layer2", List.of(status(WEB, "192.0.2.10", false), status(SHOP, "192.0.2.11", true, "eth0")));

        List<GenericKubernetesResource> after = await(list -> list.size() == 1
                && list.get(0).getMetadata().getLabels().get("metallb.io/service-name").equals("cart")
                && list.get(0).get("status") != null);
        assertThat((Map<String, Object>) after.get(0).get("status")).containsEntry("serviceNamespace", "shop")
                .containsEntry("interfaces", List.of(Map.of("name", "eth0")));

        resources.publish("layer2", List.of());
        await(List::isEmpty);
    }

    private List<GenericKubernetesResource> await(Predicate<List<GenericKubernetesResource>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<GenericKubernetesResource> objects = client.genericKubernetesResources(KubernetesStatusResources.TYPE)
                    .inNamespace(NS).list().getItems();
            if (condition.test(objects)) {
                return objects;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ServiceL2Status objects did not match within 20 s");
    }

    private static AnnouncementStatus status(ServiceKey service, String address, boolean announced, String... where) {
        return new AnnouncementStatus(service, IpAddress.parse(address), announced, List.of(where), "test");
    }

    @Test
    void theSpeakerInKubernetesModeWritesThemForItsLayer2Announcer() throws Exception {
        Fixtures.seedCluster(client, NS);
        RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
        SpeakerProcess process = Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(), List.of(layer2)),
                new SpeakerModule(new SpeakerSettings("node-a", Optional.empty(), 0, Optional.empty(), Duration.ofMillis(50))),
                new KubernetesSourceModule(client, NS)).getInstance(SpeakerProcess.class);
        process.start();
        try {
            GenericKubernetesResource web = await(list -> list.size() == 1 && list.get(0).get("status") != null).get(0);
            assertThat((Map<String, Object>) web.get("status")).containsEntry("node", "node-a")
                    .containsEntry("serviceName", "nginx").containsEntry("interfaces", List.of(Map.of("name", "eth0")));
        } finally {
            process.stop();
        }
    }
}
