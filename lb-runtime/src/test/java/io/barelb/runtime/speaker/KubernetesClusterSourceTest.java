package io.barelb.runtime.speaker;

import static io.barelb.runtime.speaker.Fixtures.endpoints;
import static io.barelb.runtime.speaker.Fixtures.loadBalancer;
import static io.barelb.runtime.speaker.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.model.AddressPool;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.barelb.embedded.EmbeddedKubernetes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class KubernetesClusterSourceTest {

    private static final String NS = "metallb-system";
    private EmbeddedKubernetes api;
    private KubernetesClient client;
    private final LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();

    @BeforeEach
    void startServer() {
        api = EmbeddedKubernetes.start(0, io.barelb.runtime.kube.ConfigResourceTypes.served(validator().kinds()));
        client = api.newClient();
    }

    private static ConfigValidator validator() {
        return new ConfigValidator(Fixtures.ipamFactories(), Fixtures.announcerFactories());
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void buildsTheViewFromInformersAndFollowsChanges() throws Exception {
        client.nodes().resource(node("node-a")).create();
        Service nginx = loadBalancer("web", "nginx", "Cluster", "192.0.2.10");
        client.services().inNamespace("web").resource(nginx).create();
        client.discovery().v1().endpointSlices().inNamespace("web").resource(endpoints("web", "nginx", "node-a")).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("config")
                .withNamespace(NS).endMetadata()
                .addToData("config", "address-pools:\n- name: legacy\n  protocol: layer2\n  addresses: [192.0.2.0/28]\n")
                .build()).create();

        try (KubernetesClusterSource source = new KubernetesClusterSource(client, NS,
                validator())) {
            source.start(views::add);

            ClusterView first = Fixtures.await(views, v -> !v.pools().isEmpty() && !v.services().isEmpty());
            assertThat(first.pools()).extracting(AddressPool::name).containsExactly("legacy");
            assertThat(first.resources("L2Advertisement")).hasSize(1);
            assertThat(first.nodes()).hasSize(1);
            assertThat(first.endpointSlices()).hasSize(1);

            ResourceDefinitionContext poolType = new ResourceDefinitionContext.Builder().withGroup("barelb.io")
                    .withVersion("v1beta1").withKind("IPAddressPool").withPlural("ipaddresspools").withNamespaced(true).build();
            GenericKubernetesResource pool = new GenericKubernetesResourceBuilder().withApiVersion("barelb.io/v1beta1")
                    .withKind("IPAddressPool").withNewMetadata().withName("extra").withNamespace(NS).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("addresses", List.of("198.51.100.0/29")))
                    .build();
            client.genericKubernetesResources(poolType).inNamespace(NS).resource(pool).create();

            ClusterView second = Fixtures.await(views, v -> v.pools().size() == 2);
            assertThat(second.pools()).extracting(AddressPool::name).containsExactlyInAnyOrder("legacy", "extra");

            // an overlapping pool is invalid: the last good configuration stays, with both pools
            GenericKubernetesResource overlapping = new GenericKubernetesResourceBuilder().withApiVersion("barelb.io/v1beta1")
                    .withKind("IPAddressPool").withNewMetadata().withName("overlap").withNamespace(NS).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("addresses", List.of("198.51.100.4/30")))
                    .build();
            client.genericKubernetesResources(poolType).inNamespace(NS).resource(overlapping).create();
            client.nodes().resource(node("node-b")).create();

            ClusterView third = Fixtures.await(views, v -> v.nodes().size() == 2);
            assertThat(third.pools()).extracting(AddressPool::name).containsExactlyInAnyOrder("legacy", "extra");
        }
    }

    @Test
    void theInformersKeepOnlyFactsAndFollowAnUpdateAndADelete() throws Exception {
        client.nodes().resource(node("node-a")).create();
        client.services().inNamespace("web").resource(loadBalancer("web", "nginx", "Cluster", "192.0.2.10")).create();
        client.services().inNamespace("web").resource(loadBalancer("web", "other", "Cluster", "192.0.2.12")).create();
        client.discovery().v1().endpointSlices().inNamespace("web").resource(endpoints("web", "nginx", "node-a")).create();

        try (KubernetesClusterSource source = new KubernetesClusterSource(client, NS, validator())) {
            source.start(views::add);
            ClusterView first = Fixtures.await(views, v -> v.services().size() == 2 && v.endpointSlices().size() == 1);
            assertThat(first.endpointSlices()).singleElement().satisfies(slice ->
                    assertThat(slice.servingNodes()).containsExactly("node-a"));

            Service moved = client.services().inNamespace("web").withName("nginx").get();
            moved.getStatus().getLoadBalancer().getIngress().get(0).setIp("192.0.2.11");
            client.services().inNamespace("web").resource(moved).updateStatus();
            ClusterView updated = Fixtures.await(views, v -> v.services().stream().anyMatch(s ->
                    s.key().name().equals("nginx") && s.ingress().equals(List.of(io.barelb.api.net.IpAddress.parse("192.0.2.11")))));
            assertThat(updated.services()).hasSize(2);

            client.services().inNamespace("web").withName("other").delete();
            ClusterView deleted = Fixtures.await(views, v -> v.services().size() == 1);
            assertThat(deleted.services()).extracting(s -> s.key().name()).containsExactly("nginx");
        }
    }
}
